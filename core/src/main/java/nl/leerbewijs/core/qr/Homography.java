package nl.leerbewijs.core.qr;

import java.util.List;

/**
 * A projective map from module coordinates (column, row; 0.5 is the centre of the first module) to
 * image pixels: how a flat QR code looks in a photo taken at an angle. Fitted by least squares to
 * any number of point pairs, so that every alignment pattern found sharpens it (ZXing's own
 * detector uses exactly four points: three finder patterns and one alignment pattern).
 */
final class Homography {
  private final double[] h; // h11 h12 h13 h21 h22 h23 h31 h32, h33 = 1

  private Homography(double[] h) {
    this.h = h;
  }

  /** A pair of corresponding points: module {@code (u, v)} lies at pixel {@code (x, y)}. */
  record Match(double u, double v, double x, double y) {}

  /**
   * The least-squares fit to at least four pairs (direct linear transform on normalised
   * coordinates), or null when the points are degenerate (three on a line, say).
   */
  static Homography fit(List<Match> matches) {
    int n = matches.size();
    if (n < 4) {
      throw new IllegalArgumentException("a homography needs 4 point pairs, got " + n);
    }
    // Hartley normalisation: centre each point set and scale it to a mean distance of sqrt(2), so
    // the normal equations are well conditioned whatever the image size.
    double mu = 0;
    double mv = 0;
    double mx = 0;
    double my = 0;
    for (Match m : matches) {
      mu += m.u;
      mv += m.v;
      mx += m.x;
      my += m.y;
    }
    mu /= n;
    mv /= n;
    mx /= n;
    my /= n;
    double du = 0;
    double dx = 0;
    for (Match m : matches) {
      du += Math.hypot(m.u - mu, m.v - mv);
      dx += Math.hypot(m.x - mx, m.y - my);
    }
    if (du == 0 || dx == 0) {
      return null;
    }
    double su = Math.sqrt(2) * n / du;
    double sx = Math.sqrt(2) * n / dx;
    double[][] a = new double[8][9];
    double[] r1 = new double[9];
    double[] r2 = new double[9];
    for (Match m : matches) {
      double u = (m.u - mu) * su;
      double v = (m.v - mv) * su;
      double x = (m.x - mx) * sx;
      double y = (m.y - my) * sx;
      fill(r1, u, v, 1, 0, 0, 0, -x * u, -x * v, x);
      fill(r2, 0, 0, 0, u, v, 1, -y * u, -y * v, y);
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 9; j++) {
          a[i][j] += r1[i] * r1[j] + r2[i] * r2[j];
        }
      }
    }
    double[] g = solve(a);
    if (g == null) {
      return null;
    }
    // Undo the normalisation: H = Tx^-1 * G * Tu.
    double[][] gm = {{g[0], g[1], g[2]}, {g[3], g[4], g[5]}, {g[6], g[7], 1}};
    double[][] tu = {{su, 0, -su * mu}, {0, su, -su * mv}, {0, 0, 1}};
    double[][] txInv = {{1 / sx, 0, mx}, {0, 1 / sx, my}, {0, 0, 1}};
    double[][] hm = times(txInv, times(gm, tu));
    double k = hm[2][2];
    if (Math.abs(k) < 1e-12) {
      return null;
    }
    double[] h = {
      hm[0][0] / k, hm[0][1] / k, hm[0][2] / k,
      hm[1][0] / k, hm[1][1] / k, hm[1][2] / k,
      hm[2][0] / k, hm[2][1] / k
    };
    for (double c : h) {
      if (!Double.isFinite(c)) {
        return null; // degenerate points (NaN or overflow): no grid to sample
      }
    }
    return new Homography(h);
  }

  /** Writes the pixel position of module point {@code (u, v)} into {@code out[0..1]}. */
  void map(double u, double v, double[] out) {
    double w = h[6] * u + h[7] * v + 1;
    out[0] = (h[0] * u + h[1] * v + h[2]) / w;
    out[1] = (h[3] * u + h[4] * v + h[5]) / w;
  }

  /** The size in pixels of one module at module point {@code (u, v)} (mean of both directions). */
  double moduleSizeAt(double u, double v) {
    double[] p = new double[2];
    double[] q = new double[2];
    double[] r = new double[2];
    map(u, v, p);
    map(u + 1, v, q);
    map(u, v + 1, r);
    return (Math.hypot(q[0] - p[0], q[1] - p[1]) + Math.hypot(r[0] - p[0], r[1] - p[1])) / 2;
  }

  private static void fill(double[] row, double... values) {
    System.arraycopy(values, 0, row, 0, values.length);
  }

  private static double[][] times(double[][] a, double[][] b) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 3; k++) {
          r[i][j] += a[i][k] * b[k][j];
        }
      }
    }
    return r;
  }

  /** Gauss-Jordan elimination with partial pivoting on an 8x9 augmented matrix. */
  private static double[] solve(double[][] a) {
    int n = 8;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-10) {
        return null;
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = a[i][n] / a[i][i];
    }
    return x;
  }
}
