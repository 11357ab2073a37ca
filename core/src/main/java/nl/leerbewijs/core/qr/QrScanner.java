package nl.leerbewijs.core.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderPattern;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tries hard to find one QR code in an image, cheapest attempt first, stopping at the first that
 * decodes. Apart from the first ({@code pure}, ZXing's clean-render reader), each attempt is a grey
 * image (as is or enlarged), a binarizer and a turn (as is, inverted, a quarter); each runs ZXing's
 * detector and decoder and, when those fail, {@link GridFitter} on the finder patterns ZXing saw.
 * The list of attempts and why each is there is in {@link #STEPS}.
 *
 * <p>The work is bounded whatever the image (a hostile one included): an image thinner than the
 * smallest code or without contrast is answered at once; every grey image worked on is at most
 * {@link #MAX_WORK_PIXELS} (larger ones are shrunk), only images that stay within {@link
 * #MAX_ENLARGED_PIXELS} are enlarged; at most {@link #STEPS}.size() attempts run; and the grid fits
 * of all attempts share one budget ({@link #MAX_GRID_FITS}), each over a bounded number of finder
 * candidates, triples and code sizes. No limit is a time limit, so that results do not depend on
 * the machine's load. An image without a code runs every attempt that applies to it, so that is the
 * slow case; it is measured in the verifier README.
 */
final class QrScanner {

  /** Largest grey image an attempt works on; larger ones are shrunk first. */
  static final long MAX_WORK_PIXELS = 4_500_000L;

  /**
   * Largest enlarged image: only small images are enlarged (a 1 000 x 1 000 one by 1.5, a 790 x 790
   * one by 2), since in large ones the modules are seldom that small and every frame of a camera
   * scan without a code would pay for it.
   */
  static final long MAX_ENLARGED_PIXELS = 2_500_000L;

  /** Grid fits (one sampled grid and decode each) for all attempts on one image together. */
  static final int MAX_GRID_FITS = 160;

  /** One attempt: a name for traces, when it applies, and what it does. */
  record Step(String name, Predicate<QrScanner> applies, Function<QrScanner, DecoderResult> run) {}

  enum Binarizer {
    HYBRID,
    GLOBAL
  }

  /** Below this difference between the darkest and the lightest pixel there is nothing to read. */
  static final int MIN_CONTRAST = 8;

  private final BufferedImage image;
  private final GridFitter.Budget budget = new GridFitter.Budget(MAX_GRID_FITS);
  private final Consumer<String> trace;
  private GrayImage luma;
  // luma() through the hybrid binarizer, made once: three steps use it (null: a flat image).
  private BitMatrix lumaHybrid;
  private boolean lumaHybridMade;
  // The quarter-turned copy of lumaHybrid and the finder candidates ZXing saw in it: the early
  // detector-only step makes them, the last step fits grids to them without detecting again.
  private BitMatrix quarter;
  private List<ResultPoint> quarterFinders;

  /**
   * @param trace told each attempt's name, whether it read the code, and its milliseconds (for
   *     benchmarks and tests)
   */
  QrScanner(BufferedImage image, Consumer<String> trace) {
    this.image = image;
    this.trace = trace;
  }

  /** The decoded code, or null when no attempt finds one. */
  DecoderResult scan() {
    // The work image, not the original: a 21 x 2,000,000 picture is shrunk to a sliver.
    if (Math.min(luma().width, luma().height) < 21) {
      trace.accept("too thin");
      return null; // narrower than the smallest code (21 modules) at one pixel per module
    }
    if (luma().contrast() < MIN_CONTRAST) {
      trace.accept("flat");
      return null; // all black, all white, one colour: no attempt can find anything
    }
    for (Step step : STEPS) {
      if (!step.applies().test(this)) {
        continue;
      }
      long t0 = System.nanoTime();
      DecoderResult r = step.run().apply(this);
      trace.accept(
          step.name() + (r != null ? " read " : " - ") + (System.nanoTime() - t0) / 1_000_000);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /** Luma, shrunk to {@link #MAX_WORK_PIXELS} if larger; made once. */
  GrayImage luma() {
    if (luma == null) {
      GrayImage g = GrayImage.luminance(image);
      luma =
          g.pixelCount() <= MAX_WORK_PIXELS
              ? g
              : g.resized(Math.sqrt((double) MAX_WORK_PIXELS / g.pixelCount()));
    }
    return luma;
  }

  /** {@link #luma()} enlarged by {@code factor}. */
  GrayImage enlarged(double factor) {
    return luma().resized(factor);
  }

  /** Whether enlarging by {@code factor} stays within {@link #MAX_ENLARGED_PIXELS}. */
  boolean canEnlarge(double factor) {
    return luma().pixelCount() * factor * factor <= MAX_ENLARGED_PIXELS;
  }

  // ---- attempts

  /** ZXing's reader for a clean render: no finder search, just the code's bounding box. */
  DecoderResult pure(GrayImage g) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    try {
      Result r =
          new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(g.source())), hints);
      return new DecoderResult(r.getRawBytes(), r.getText(), byteSegments(r), null);
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return null;
    } catch (RuntimeException e) {
      return null; // ZXing throws unchecked exceptions on some degenerate images
    }
  }

  @SuppressWarnings("unchecked")
  private static List<byte[]> byteSegments(Result r) {
    Object segs =
        r.getResultMetadata() == null
            ? null
            : r.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
    return segs instanceof List<?> l ? (List<byte[]>) l : null;
  }

  /** How the binarized image is turned before it is read. */
  enum Turn {
    AS_IS,
    /** Light modules on dark. */
    INVERTED
  }

  /**
   * Binarizes {@code g}, turns it and reads it: see {@link #read(BitMatrix)}. The hybrid
   * binarization of {@link #luma()} is made once and copied for a turn (which works in place): on a
   * camera frame without a code it is a large part of each of the three steps that use it.
   */
  DecoderResult read(GrayImage g, Binarizer binarizer, Turn turn) {
    BitMatrix bits;
    if (g == luma() && binarizer == Binarizer.HYBRID) {
      BitMatrix hybrid = hybridOfLuma();
      // Reading does not change a matrix; turning does, so a turn gets its own copy.
      bits = hybrid == null || turn == Turn.AS_IS ? hybrid : hybrid.clone();
    } else {
      bits = binarize(g.source(), binarizer);
    }
    if (bits == null) {
      return null;
    }
    if (turn == Turn.INVERTED) {
      bits.flip();
    }
    return read(bits);
  }

  /**
   * The hybrid binarization turned a quarter, read by ZXing's detector and decoder only; the finder
   * candidates are kept for {@link #fitQuarter()}.
   */
  DecoderResult detectQuarter() {
    if (quarter == null) {
      BitMatrix hybrid = hybridOfLuma();
      if (hybrid == null) {
        return null;
      }
      quarter = hybrid.clone();
      quarter.rotate90();
    }
    quarterFinders = new ArrayList<>();
    return detect(quarter, quarterFinders);
  }

  /**
   * {@link GridFitter} on the finder candidates {@link #detectQuarter()} saw (an earlier step);
   * nothing when it found none or had no image to turn.
   */
  DecoderResult fitQuarter() {
    return quarterFinders == null ? null : fitGrid(quarter, quarterFinders);
  }

  private BitMatrix hybridOfLuma() {
    if (!lumaHybridMade) {
      lumaHybrid = binarize(luma().source(), Binarizer.HYBRID);
      lumaHybridMade = true;
    }
    return lumaHybrid;
  }

  /** ZXing's detector and decoder, then {@link GridFitter} on the finder patterns it saw. */
  DecoderResult read(BitMatrix bits) {
    List<ResultPoint> finders = new ArrayList<>();
    DecoderResult r = detect(bits, finders);
    return r != null ? r : fitGrid(bits, finders);
  }

  /** ZXing's detector and decoder; the finder candidates it saw go to {@code finders}. */
  private static DecoderResult detect(BitMatrix bits, List<ResultPoint> finders) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(
        DecodeHintType.NEED_RESULT_POINT_CALLBACK,
        (ResultPointCallback)
            p -> {
              if (p instanceof FinderPattern) {
                finders.add(p);
              }
            });
    try {
      DetectorResult detected = new Detector(bits).detect(hints);
      return new Decoder().decode(detected.getBits(), hints);
    } catch (NotFoundException | ChecksumException | FormatException e) {
      // fall through to the grid fitter
    } catch (RuntimeException e) {
      // ZXing throws unchecked exceptions on some degenerate images
    }
    return null;
  }

  private DecoderResult fitGrid(BitMatrix bits, List<ResultPoint> finders) {
    if (finders.size() < 3 || budget.exhausted()) {
      return null;
    }
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    return new GridFitter(bits, hints, budget).decode(finders);
  }

  private static BitMatrix binarize(LuminanceSource source, Binarizer binarizer) {
    try {
      return binarizer == Binarizer.HYBRID
          ? new HybridBinarizer(source).getBlackMatrix()
          : new GlobalHistogramBinarizer(source).getBlackMatrix();
    } catch (NotFoundException e) {
      return null; // a flat image: nothing to find
    }
  }

  private static Step step(
      String name, Predicate<QrScanner> applies, Function<QrScanner, DecoderResult> run) {
    return new Step(name, applies, run);
  }

  private static final Predicate<QrScanner> ALWAYS = s -> true;

  /**
   * The attempts, in order, cheapest first. Each earns its place by corpus images (the verifier
   * README's table) that no earlier attempt reads:
   *
   * <ul>
   *   <li>{@code pure}: a clean render (the wallet's PNG) without any finder search: clean-4px.
   *   <li>{@code hybrid}: ZXing's local-threshold binarizer: most images, and with the grid fitter
   *       the 1.6 px/module, perspective and lens images ZXing's detector alone misses.
   *   <li>{@code rot90 detect}: the same binarization turned a quarter, ZXing's detector and
   *       decoder only (no grid fitting here). ZXing's finder search runs along rows, and on some
   *       clean camera frames it misses one finder pattern or takes a data pattern for one; turned,
   *       it meets the finder patterns along other rows and reads them directly. Real
   *       browser-camera frames (1280x720, versions 28-30 at about 3.9 px/module; {@code
   *       QrScannerTest} keeps two) and 3 of 24 synthetic camera frames of versions 26-33 are read
   *       this way. It used to be the last attempt, after about 80 ms of attempts that cannot read
   *       such a frame; here it costs a detection (about 4 ms on a 1280x720 frame) to the images
   *       the attempts below read, and nothing to images without a code, whose last attempt fits
   *       grids to the candidates found here instead of detecting again.
   *   <li>{@code global}: one threshold per row, which blurred, very low contrast and very noisy
   *       images binarize better with (blur, contrast-very-low, noise-45).
   *   <li>{@code inverted}: light modules on dark (inverted).
   *   <li>{@code x1.5}: enlarged 1.5 times (Catmull-Rom), for small images: ZXing's finder search
   *       needs runs of whole pixels, which blurred small modules lose (phone-combo, blur-2).
   *   <li>{@code x2}: enlarged twice, for very small images (scaled-1.3px).
   *   <li>{@code rot90 fit}: the grid fitter on the finder candidates {@code rot90 detect} saw,
   *       last, so that it never takes grid fits from the attempts above.
   * </ul>
   *
   * Tried and dropped for rescuing nothing the above do not: tripling its size, shrinking camera
   * frames (it reads one of the two frames above, rotating reads both), sharpening (unsharp mask),
   * local contrast normalisation, and the brightest colour channel for photographed screens.
   */
  static final List<Step> STEPS =
      List.of(
          step("pure", ALWAYS, s -> s.pure(s.luma())),
          step("hybrid", ALWAYS, s -> s.read(s.luma(), Binarizer.HYBRID, Turn.AS_IS)),
          step("rot90 detect", ALWAYS, QrScanner::detectQuarter),
          step("global", ALWAYS, s -> s.read(s.luma(), Binarizer.GLOBAL, Turn.AS_IS)),
          step("inverted", ALWAYS, s -> s.read(s.luma(), Binarizer.HYBRID, Turn.INVERTED)),
          step(
              "x1.5",
              s -> s.canEnlarge(1.5),
              s -> s.read(s.enlarged(1.5), Binarizer.HYBRID, Turn.AS_IS)),
          step(
              "x2", s -> s.canEnlarge(2), s -> s.read(s.enlarged(2), Binarizer.GLOBAL, Turn.AS_IS)),
          step("rot90 fit", ALWAYS, QrScanner::fitQuarter));
}
