package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.verifier.config.VerifierConfig;
import org.junit.jupiter.api.Test;

/**
 * The QR scanning corpus ({@link QrCorpus}) read by core's {@code QrImages.read}, by the verifier
 * (the same call with the verifier's default pixel limit) and by zbar's {@code zbarimg} (Debian
 * zbar-tools) on the same PNG files, and the time core takes per image: clean, hard and without a
 * code. Run on demand: {@code -Dleerbewijs.bench=true}. Writes target/qr-corpus/ and
 * target/bench/qr-corpus.txt.
 */
class QrCorpusTest {

  /** Images a wallet or the browser sends when all is well. */
  private static final List<String> CLEAN = List.of("clean-4px", "camera-frame");

  @Test
  void corpus() throws Exception {
    assumeTrue(Boolean.getBoolean("leerbewijs.bench"), "corpus runs with -Dleerbewijs.bench=true");
    boolean zbar = Files.isExecutable(Path.of("/usr/bin/zbarimg"));
    Path dir = Path.of("target/qr-corpus");
    Files.createDirectories(dir);
    // Deterministic stand-ins with the character set and lengths of real LB1 payloads (compressed
    // presentations look random), so that runs are comparable: a typical presentation (learner and
    // skills disclosed) and one with every claim disclosed.
    Map<String, String> payloads = new LinkedHashMap<>();
    payloads.put("typical", QrCorpus.payload(1760, 1));
    payloads.put("all-disclosed", QrCorpus.payload(2400, 2));
    StringBuilder out = new StringBuilder();
    Tally corpus = new Tally();
    Tally harder = new Tally();
    List<Long> clean = new ArrayList<>();
    List<Long> hard = new ArrayList<>();
    warmUp(payloads.get("typical"));
    for (Map.Entry<String, String> payload : payloads.entrySet()) {
      String text = payload.getValue();
      String head =
          String.format(
              Locale.ROOT,
              "payload %s: %d characters, QR version %d",
              payload.getKey(),
              text.length(),
              QrImages.version(text));
      System.out.println(head);
      out.append(head).append('\n');
      for (boolean extra : new boolean[] {false, true}) {
        Map<String, BufferedImage> images = extra ? QrCorpus.harder(text) : QrCorpus.of(text);
        for (Map.Entry<String, BufferedImage> e : images.entrySet()) {
          Path file = dir.resolve(payload.getKey() + "-" + e.getKey() + ".png");
          ImageIO.write(e.getValue(), "png", file.toFile());
          byte[] bytes = Files.readAllBytes(file);
          long t0 = System.nanoTime();
          boolean a = reads(bytes, QrImages.DEFAULT_MAX_PIXELS, text);
          long micros = (System.nanoTime() - t0) / 1000;
          (CLEAN.contains(e.getKey()) ? clean : hard).add(micros);
          boolean v = reads(bytes, VerifierConfig.DEFAULT_MAX_IMAGE_PIXELS, text);
          boolean b = zbar && zbar(file, text);
          (extra ? harder : corpus)
              .add(
                  String.format(
                      Locale.ROOT,
                      "  %-14s %-22s %4dx%-4d core %-4s verifier %-4s zbar %-4s %7.1f ms",
                      payload.getKey(),
                      e.getKey(),
                      e.getValue().getWidth(),
                      e.getValue().getHeight(),
                      a ? "yes" : "NO",
                      v ? "yes" : "NO",
                      zbar ? (b ? "yes" : "NO") : "n/a",
                      micros / 1000.0),
                  e.getKey().replaceAll("-[0-9.]+(px)?$", ""),
                  a,
                  v,
                  b);
        }
      }
    }
    corpus.print(out, "corpus", zbar);
    harder.print(out, "harder images (added later, not in the corpus totals)", zbar);
    List<Long> none = new ArrayList<>();
    out.append("no code (core QrImages.read, expecting NO_QR_CODE):\n");
    for (Map.Entry<String, BufferedImage> e : QrCorpus.noCode().entrySet()) {
      Path file = dir.resolve("nocode-" + e.getKey() + ".png");
      ImageIO.write(e.getValue(), "png", file.toFile());
      byte[] bytes = Files.readAllBytes(file);
      long t0 = System.nanoTime();
      String answer;
      try {
        answer = "read \"" + QrImages.read(bytes) + "\" (!)";
      } catch (QrImageException ex) {
        answer = ex.reason().code();
      }
      long micros = (System.nanoTime() - t0) / 1000;
      none.add(micros);
      out.append(
          String.format(
              Locale.ROOT,
              "  %-22s %4dx%-4d %-16s %7.1f ms%n",
              e.getKey(),
              e.getValue().getWidth(),
              e.getValue().getHeight(),
              answer,
              micros / 1000.0));
    }
    out.append(
        "decode time per image, core QrImages.read from PNG bytes (one run each, warm JVM):\n");
    time(out, "clean (" + String.join(", ", CLEAN) + ")", clean);
    time(out, "hard (the other corpus and harder images)", hard);
    time(out, "no code", none);
    cameraFrames(out);
    System.out.print(out);
    Path report = Path.of("target/bench/qr-corpus.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out.toString());
  }

  /**
   * Read times of 24 camera frames ({@link QrCorpus#cameraView}) of payloads of 1,500-2,300
   * characters (versions 26-33), three seeds each, as JPEG: whether a frame is read at once or only
   * by a later attempt depends on the code's content, so one frame's time says little (the load
   * test's frame took 25-108 ms between runs). Median of 9 reads after a second of warm-up each.
   */
  private static void cameraFrames(StringBuilder out) throws Exception {
    out.append("camera frames (1280x720 JPEG, median of 9 warm reads of the file):\n");
    List<Long> all = new ArrayList<>();
    // One length per QR version from 26 to 33 (2,100 characters is a second version 31).
    for (int length : new int[] {1500, 1700, 1800, 1900, 2000, 2100, 2200, 2300}) {
      for (long seed = 1; seed <= 3; seed++) {
        String text = QrCorpus.payload(length, seed);
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        ImageIO.write(QrCorpus.cameraView(text), "jpeg", jpeg);
        byte[] bytes = jpeg.toByteArray();
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
          QrImages.read(bytes);
        }
        long[] micros = new long[9];
        boolean read = true;
        for (int i = 0; i < micros.length; i++) {
          long t0 = System.nanoTime();
          read &= text.equals(QrImages.read(bytes));
          micros[i] = (System.nanoTime() - t0) / 1000;
        }
        Arrays.sort(micros);
        all.add(micros[4]);
        out.append(
            String.format(
                Locale.ROOT,
                "  %d characters, seed %d, version %d: %s %6.1f ms%n",
                length,
                seed,
                QrImages.version(text),
                read ? "read" : "NOT READ",
                micros[4] / 1000.0));
      }
    }
    time(out, "camera frames", all);
  }

  /** Read counts per image and per category. */
  private static final class Tally {
    final List<String> rows = new ArrayList<>();
    final Map<String, int[]> byCategory = new LinkedHashMap<>(); // [n, core, verifier, zbar]

    void add(String row, String category, boolean core, boolean verifier, boolean zbar) {
      rows.add(row);
      int[] c = byCategory.computeIfAbsent(category, k -> new int[4]);
      c[0]++;
      c[1] += core ? 1 : 0;
      c[2] += verifier ? 1 : 0;
      c[3] += zbar ? 1 : 0;
    }

    void print(StringBuilder out, String title, boolean zbar) {
      out.append(title).append(":\n");
      rows.forEach(r -> out.append(r).append('\n'));
      out.append("by category (images, core QrImages.read, verifier, zbarimg):\n");
      int[] total = new int[4];
      byCategory.forEach(
          (k, c) -> {
            out.append(
                String.format(
                    Locale.ROOT, "  %-20s %2d  %2d  %2d  %2d%n", k, c[0], c[1], c[2], c[3]));
            for (int i = 0; i < 4; i++) {
              total[i] += c[i];
            }
          });
      out.append(
          String.format(
              Locale.ROOT,
              "total: %d images; core QrImages.read %d (%.0f %%); verifier %d (%.0f %%);"
                  + " zbarimg %s%n",
              total[0],
              total[1],
              100.0 * total[1] / total[0],
              total[2],
              100.0 * total[2] / total[0],
              zbar
                  ? total[3] + " (" + Math.round(100.0 * total[3] / total[0]) + " %)"
                  : "not installed"));
    }
  }

  /** A few reads first, so that the timed ones run compiled code. */
  private static void warmUp(String text) throws IOException {
    Map<String, BufferedImage> images = QrCorpus.of(text);
    for (int i = 0; i < 3; i++) {
      for (String name : List.of("clean-4px", "scaled-1.6px", "perspective-strong", "blur-3")) {
        reads(QrImages.png(images.get(name)), QrImages.DEFAULT_MAX_PIXELS, text);
      }
    }
  }

  private static void time(StringBuilder out, String group, List<Long> micros) {
    long[] m = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    out.append(
        String.format(
            Locale.ROOT,
            "  %-44s %3d images: median %7.1f ms, worst %7.1f ms%n",
            group,
            m.length,
            (m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2)
                / 1000.0,
            Arrays.stream(m).max().orElse(0) / 1000.0));
  }

  static boolean reads(byte[] image, long maxPixels, String expected) {
    try {
      return QrImages.read(image, maxPixels).equals(expected);
    } catch (QrImageException e) {
      return false;
    }
  }

  static boolean zbar(Path file, String expected) throws Exception {
    Process p =
        new ProcessBuilder(
                "zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", file.toString())
            .redirectErrorStream(false)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    p.waitFor(60, TimeUnit.SECONDS);
    return text.strip().equals(expected);
  }
}
