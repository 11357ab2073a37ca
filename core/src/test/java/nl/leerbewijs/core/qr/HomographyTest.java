package nl.leerbewijs.core.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HomographyTest {

  /** A code of 133 modules seen at an angle: these four module corners land on these pixels. */
  private static final double[][] CORNERS = {
    {0, 0, 140, 115}, {133, 0, 573, 98}, {133, 133, 612, 640}, {0, 133, 92, 600}
  };

  private static List<Homography.Match> corners() {
    List<Homography.Match> m = new ArrayList<>();
    for (double[] c : CORNERS) {
      m.add(new Homography.Match(c[0], c[1], c[2], c[3]));
    }
    return m;
  }

  @Test
  void fit_fourPairs_mapsThemExactly() {
    Homography h = Homography.fit(corners());
    double[] p = new double[2];
    for (double[] c : CORNERS) {
      h.map(c[0], c[1], p);
      assertEquals(c[2], p[0], 1e-6);
      assertEquals(c[3], p[1], 1e-6);
    }
  }

  @Test
  void fit_manyNoisyPairs_leastSquaresCloseToTruth() {
    Homography truth = Homography.fit(corners());
    Random random = new Random(1);
    List<Homography.Match> noisy = new ArrayList<>();
    double[] p = new double[2];
    for (int v = 6; v < 133; v += 24) {
      for (int u = 6; u < 133; u += 24) {
        truth.map(u, v, p);
        noisy.add(
            new Homography.Match(
                u, v, p[0] + random.nextGaussian() * 0.5, p[1] + random.nextGaussian() * 0.5));
      }
    }
    Homography fitted = Homography.fit(noisy);
    double[] q = new double[2];
    for (double[] c : CORNERS) {
      truth.map(c[0], c[1], p);
      fitted.map(c[0], c[1], q);
      assertEquals(0, Math.hypot(p[0] - q[0], p[1] - q[1]), 1.0, "corner " + c[0] + "," + c[1]);
    }
  }

  @Test
  void fit_pointsOnALine_null() {
    List<Homography.Match> line = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      line.add(new Homography.Match(i, i, 10 * i, 10 * i));
    }
    assertNull(Homography.fit(line));
  }

  @Test
  void fit_tooFewPairs_refused() {
    assertThrows(IllegalArgumentException.class, () -> Homography.fit(corners().subList(0, 3)));
  }

  @Test
  void moduleSizeAt_scaledGrid_pixelsPerModule() {
    Homography h =
        Homography.fit(
            List.of(
                new Homography.Match(0, 0, 10, 10),
                new Homography.Match(10, 0, 40, 10),
                new Homography.Match(10, 10, 40, 40),
                new Homography.Match(0, 10, 10, 40)));
    assertEquals(3.0, h.moduleSizeAt(5, 5), 1e-9);
  }
}
