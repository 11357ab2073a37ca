package nl.leerbewijs.core.qr;

import com.google.zxing.DecodeHintType;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.FinderPattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds a QR code's module grid from finder-pattern candidates where ZXing's detector gives up, and
 * decodes it with ZXing's decoder.
 *
 * <p>ZXing's finder search is good; what fails on dense codes (version 25-35, 117-157 modules) is
 * what comes after. It takes the code's size in modules from the finder patterns' module size,
 * which at 1.5-2 pixels per module or under perspective is off by 5-15 %, so it samples a grid of
 * the wrong size (a version 34 code read as 145 modules instead of 153). And it fits its grid to
 * four points, three finder patterns and one alignment pattern that it finds assuming the code is a
 * parallelogram, so under perspective it finds the wrong one or none.
 *
 * <p>Here, for each plausible triple of finder candidates, every size within the range the measured
 * module sizes allow is tried, nearest to the estimate first. For each size a {@link ModuleGrid} is
 * fitted to the finder patterns and to every alignment pattern found ({@link AlignmentMatcher}),
 * looking for each near where the grid fitted so far puts it, nearest to the patterns already
 * fitted first, so the fit improves as it spreads across the code. A size is given up when the
 * first alignment patterns are not where it predicts them. The work is bounded by a number of grid
 * fits shared by every attempt on one image.
 */
final class GridFitter {
  /** Finder candidates considered (ZXing reports them top to bottom); more are false ones. */
  static final int MAX_CANDIDATES = 10;

  /** Finder triples tried per binarized image, most square-looking first. */
  static final int MAX_TRIPLES = 6;

  /** Code sizes tried per triple. */
  static final int MAX_SIZES = 16;

  /** How far from where the grid predicts it an alignment pattern is looked for, in modules. */
  private static final double SEARCH_RADIUS = 4;

  /** Alignment patterns looked for before a code size without any is given up. */
  private static final int ALIGNMENT_PROBES = 4;

  private final BitMatrix bits;
  private final AlignmentMatcher alignments;
  private final Map<DecodeHintType, ?> hints;
  private final Budget budget;

  GridFitter(BitMatrix bits, Map<DecodeHintType, ?> hints, Budget budget) {
    this.bits = bits;
    this.alignments = new AlignmentMatcher(bits);
    this.hints = hints;
    this.budget = budget;
  }

  /** Grid fits left for one image; each fit samples one grid and tries to decode it. */
  static final class Budget {
    private int fits;

    Budget(int fits) {
      this.fits = fits;
    }

    boolean take() {
      return fits-- > 0;
    }

    boolean exhausted() {
      return fits <= 0;
    }
  }

  /** The decoded code, or null. */
  DecoderResult decode(List<ResultPoint> candidates) {
    List<Triple> triples = triples(candidates);
    for (int t = 0; t < triples.size() && t < MAX_TRIPLES; t++) {
      Triple triple = triples.get(t);
      for (int size : triple.sizes()) {
        if (!budget.take()) {
          return null;
        }
        DecoderResult r = decode(triple, size);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  /** Three finder patterns: top left (the corner), top right and bottom left, in pixels. */
  record Triple(ResultPoint topLeft, ResultPoint topRight, ResultPoint bottomLeft, double score) {

    double meanLeg() {
      return (ResultPoint.distance(topLeft, topRight) + ResultPoint.distance(topLeft, bottomLeft))
          / 2;
    }

    /**
     * Code sizes (modules per side, 21..177, 4k+1) the finder module sizes allow: each finder's
     * estimate may be 20 % off (a 7-module pattern 1.6 px per module is measured as 12 pixels, 1.7
     * px), and perspective makes the three differ; nearest to the estimate from their mean first.
     */
    List<Integer> sizes() {
      double[] ms = {moduleSize(topLeft), moduleSize(topRight), moduleSize(bottomLeft)};
      double min = Math.min(ms[0], Math.min(ms[1], ms[2]));
      double max = Math.max(ms[0], Math.max(ms[1], ms[2]));
      double leg = meanLeg();
      double estimate = leg / ((ms[0] + ms[1] + ms[2]) / 3) + 7;
      int lo = (int) Math.floor(leg / (max * 1.25) + 7);
      int hi = (int) Math.ceil(leg / (min * 0.8) + 7);
      List<Integer> sizes = new ArrayList<>();
      for (int d = Math.max(21, lo); d <= Math.min(177, hi); d++) {
        if ((d & 3) == 1) {
          sizes.add(d);
        }
      }
      sizes.sort(Comparator.comparingDouble(d -> Math.abs(d - estimate)));
      return sizes.size() > MAX_SIZES ? sizes.subList(0, MAX_SIZES) : sizes;
    }
  }

  private static double moduleSize(ResultPoint p) {
    return p instanceof FinderPattern f ? f.getEstimatedModuleSize() : 1;
  }

  /**
   * Plausible triples among the first {@link #MAX_CANDIDATES} candidates: similar module sizes,
   * legs of similar length at a roughly right angle, far enough apart for a version 1 code; best
   * first.
   */
  static List<Triple> triples(List<ResultPoint> candidates) {
    int n = Math.min(candidates.size(), MAX_CANDIDATES);
    List<Triple> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        for (int k = j + 1; k < n; k++) {
          ResultPoint[] p = {candidates.get(i), candidates.get(j), candidates.get(k)};
          ResultPoint.orderBestPatterns(p); // bottom left, top left, top right
          Triple t = plausible(p[1], p[2], p[0]);
          if (t != null) {
            out.add(t);
          }
        }
      }
    }
    out.sort(Comparator.comparingDouble(Triple::score));
    return out;
  }

  private static Triple plausible(ResultPoint tl, ResultPoint tr, ResultPoint bl) {
    double m1 = moduleSize(tl);
    double m2 = moduleSize(tr);
    double m3 = moduleSize(bl);
    double msRatio = Math.max(m1, Math.max(m2, m3)) / Math.min(m1, Math.min(m2, m3));
    double a = ResultPoint.distance(tl, tr);
    double b = ResultPoint.distance(tl, bl);
    if (msRatio > 2 || a < 12 * m1 || b < 12 * m1 || a > 2 * b || b > 2 * a) {
      return null;
    }
    double cos =
        ((tr.getX() - tl.getX()) * (bl.getX() - tl.getX())
                + (tr.getY() - tl.getY()) * (bl.getY() - tl.getY()))
            / (a * b);
    if (Math.abs(cos) > 0.6) {
      return null;
    }
    double score = Math.abs(cos) + Math.abs(Math.log(a / b)) + Math.log(msRatio);
    return new Triple(tl, tr, bl, score);
  }

  /** Fits a grid of {@code size} modules to {@code t}, samples and decodes it; null on failure. */
  private DecoderResult decode(Triple t, int size) {
    ModuleGrid grid = fit(t, size);
    if (grid == null) {
      return null;
    }
    try {
      return new Decoder().decode(sample(grid), hints);
    } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
      return null;
    } catch (RuntimeException e) {
      return null; // ZXing throws unchecked exceptions on some degenerate grids
    }
  }

  /**
   * The grid through the finder patterns and the alignment patterns found, looking for each
   * alignment pattern where the grid fitted so far puts it, nearest to the patterns already fitted
   * first; null when the first few are all missing (the size is wrong).
   */
  ModuleGrid fit(Triple t, int size) {
    ModuleGrid grid = ModuleGrid.of(size, xy(t.topLeft()), xy(t.topRight()), xy(t.bottomLeft()));
    if (grid == null) {
      return null;
    }
    List<int[]> todo = grid.alignmentNodes();
    double[] p = new double[2];
    double[] right = new double[2];
    double[] down = new double[2];
    int probes = 0;
    int found = 0;
    while (!todo.isEmpty()) {
      int[] node = todo.remove(nearest(todo, grid));
      double[] c = grid.centre(node);
      grid.locate(c[0], c[1], p);
      grid.locate(c[0] + 1, c[1], right);
      grid.locate(c[0], c[1] + 1, down);
      double[] ex = {right[0] - p[0], right[1] - p[1]};
      double[] ey = {down[0] - p[0], down[1] - p[1]};
      probes++;
      double[] a = alignments.find(p[0], p[1], ex, ey, SEARCH_RADIUS);
      if (a != null) {
        grid.addAlignment(node, a[0], a[1]);
        found++;
      } else if (found == 0 && probes >= ALIGNMENT_PROBES) {
        return null; // the alignment patterns are not where this size puts them
      }
    }
    return grid;
  }

  private static double[] xy(ResultPoint p) {
    return new double[] {p.getX(), p.getY()};
  }

  /** Index of the node in {@code todo} closest (in modules) to a pattern already fitted. */
  private static int nearest(List<int[]> todo, ModuleGrid grid) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i < todo.size(); i++) {
      double d = grid.distanceToFitted(todo.get(i));
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  /** Reads each module at its centre; modules outside the image are light. */
  private BitMatrix sample(ModuleGrid g) {
    int size = g.size();
    BitMatrix grid = new BitMatrix(size);
    double[] p = new double[2];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        g.locate(x + 0.5, y + 0.5, p);
        // Compared as doubles: a NaN (a point past the grid's horizon) is outside, not pixel 0.
        if (p[0] >= 0
            && p[1] >= 0
            && p[0] < bits.getWidth()
            && p[1] < bits.getHeight()
            && bits.get((int) p[0], (int) p[1])) {
          grid.set(x, y);
        }
      }
    }
    return grid;
  }
}
