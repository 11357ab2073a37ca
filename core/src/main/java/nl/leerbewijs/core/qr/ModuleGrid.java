package nl.leerbewijs.core.qr;

import com.google.zxing.qrcode.decoder.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a QR code's modules lie in an image, fitted to the finder and alignment patterns found: a
 * {@link Homography} (the code as a flat sheet seen at an angle) plus a smooth correction for what
 * a plane does not model, such as an uncorrected wide-angle lens or a sheet that is not flat. The
 * correction is the homography's error at each pattern found, interpolated bilinearly between the
 * rows and columns of alignment patterns (which a version 2+ code has every 16-28 modules); where
 * no pattern was found it is zero.
 */
final class ModuleGrid {
  private final int size;
  private final int[] centres; // alignment pattern rows and columns; empty for version 1
  private final List<Homography.Match> matches = new ArrayList<>();
  private final List<int[]> nodes = new ArrayList<>(); // per match: its place in the centre grid
  private Homography h;
  private double[][] dx;
  private double[][] dy;

  /**
   * A grid of {@code size} modules through the centres of the three finder patterns (pixels), taken
   * as a parallelogram until alignment patterns are added.
   */
  static ModuleGrid of(int size, double[] topLeft, double[] topRight, double[] bottomLeft) {
    double far = size - 3.5;
    Homography parallelogram =
        Homography.fit(
            List.of(
                new Homography.Match(3.5, 3.5, topLeft[0], topLeft[1]),
                new Homography.Match(far, 3.5, topRight[0], topRight[1]),
                new Homography.Match(3.5, far, bottomLeft[0], bottomLeft[1]),
                new Homography.Match(
                    far,
                    far,
                    topRight[0] - topLeft[0] + bottomLeft[0],
                    topRight[1] - topLeft[1] + bottomLeft[1])));
    if (parallelogram == null) {
      return null;
    }
    ModuleGrid g = new ModuleGrid(size, parallelogram);
    int last = g.centres.length - 1;
    g.matches.add(new Homography.Match(3.5, 3.5, topLeft[0], topLeft[1]));
    g.nodes.add(new int[] {0, 0});
    g.matches.add(new Homography.Match(far, 3.5, topRight[0], topRight[1]));
    g.nodes.add(new int[] {last, 0});
    g.matches.add(new Homography.Match(3.5, far, bottomLeft[0], bottomLeft[1]));
    g.nodes.add(new int[] {0, last});
    return g;
  }

  private ModuleGrid(int size, Homography start) {
    this.size = size;
    this.h = start;
    this.centres = Version.getVersionForNumber((size - 17) / 4).getAlignmentPatternCenters();
    this.dx = new double[centres.length][centres.length];
    this.dy = new double[centres.length][centres.length];
  }

  int size() {
    return size;
  }

  /** Alignment pattern positions (index into the centre grid, column and row), finders excluded. */
  List<int[]> alignmentNodes() {
    List<int[]> out = new ArrayList<>();
    int last = centres.length - 1;
    for (int j = 0; j <= last; j++) {
      for (int i = 0; i <= last; i++) {
        boolean finder = (i == 0 && j == 0) || (i == last && j == 0) || (i == 0 && j == last);
        if (!finder) {
          out.add(new int[] {i, j});
        }
      }
    }
    return out;
  }

  /** The module point at the centre of alignment node {@code node}. */
  double[] centre(int[] node) {
    return new double[] {centres[node[0]] + 0.5, centres[node[1]] + 0.5};
  }

  /** Distance in modules from {@code node}'s centre to the nearest pattern already fitted. */
  double distanceToFitted(int[] node) {
    double[] c = centre(node);
    double best = Double.MAX_VALUE;
    for (Homography.Match m : matches) {
      best = Math.min(best, Math.hypot(c[0] - m.u(), c[1] - m.v()));
    }
    return best;
  }

  /** Records that the alignment pattern of {@code node} is at pixel {@code (x, y)}; refits. */
  void addAlignment(int[] node, double x, double y) {
    double[] c = centre(node);
    matches.add(new Homography.Match(c[0], c[1], x, y));
    nodes.add(node);
    Homography better = Homography.fit(matches); // three finders and at least this pattern
    if (better != null) {
      h = better;
    }
    // The homography's error at each pattern found is the correction there; nodes without a
    // pattern take the inverse-distance-weighted mean of those with one, so that a prediction next
    // to found patterns bends the way they do.
    int n = centres.length;
    boolean[][] known = new boolean[n][n];
    double[] p = new double[2];
    for (int i = 0; i < matches.size(); i++) {
      Homography.Match m = matches.get(i);
      int[] k = nodes.get(i);
      h.map(m.u(), m.v(), p);
      dx[k[0]][k[1]] = m.x() - p[0];
      dy[k[0]][k[1]] = m.y() - p[1];
      known[k[0]][k[1]] = true;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (!known[i][j]) {
          double w = 0;
          double sx = 0;
          double sy = 0;
          for (int[] k : nodes) {
            double d2 = (k[0] - i) * (k[0] - i) + (k[1] - j) * (k[1] - j);
            sx += dx[k[0]][k[1]] / d2;
            sy += dy[k[0]][k[1]] / d2;
            w += 1 / d2;
          }
          dx[i][j] = sx / w;
          dy[i][j] = sy / w;
        }
      }
    }
  }

  /** Writes the pixel position of module point {@code (u, v)} into {@code out[0..1]}. */
  void locate(double u, double v, double[] out) {
    h.map(u, v, out);
    if (centres.length < 2) {
      return;
    }
    int i = cell(u - 0.5);
    int j = cell(v - 0.5);
    double t = clamp01((u - 0.5 - centres[i]) / (centres[i + 1] - centres[i]));
    double s = clamp01((v - 0.5 - centres[j]) / (centres[j + 1] - centres[j]));
    out[0] += bilinear(dx, i, j, t, s);
    out[1] += bilinear(dy, i, j, t, s);
  }

  private int cell(double c) {
    int i = 0;
    while (i < centres.length - 2 && c >= centres[i + 1]) {
      i++;
    }
    return i;
  }

  private static double bilinear(double[][] f, int i, int j, double t, double s) {
    return (f[i][j] * (1 - t) + f[i + 1][j] * t) * (1 - s)
        + (f[i][j + 1] * (1 - t) + f[i + 1][j + 1] * t) * s;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : Math.min(1, v);
  }
}
