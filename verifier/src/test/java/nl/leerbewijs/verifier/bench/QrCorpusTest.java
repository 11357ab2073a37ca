package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import nl.leerbewijs.core.qr.QrImageException;
import nl.leerbewijs.core.qr.QrImages;
import nl.leerbewijs.verifier.QrReader;
import org.junit.jupiter.api.Test;

/**
 * The QR scanning corpus ({@link QrCorpus}) read by core's {@code QrImages.read} (what the verifier
 * uses) and by zbar's {@code zbarimg} (Debian zbar-tools) on the same PNG files. Run on demand:
 * {@code -Dleerbewijs.bench=true}. Writes target/qr-corpus/ and target/bench/qr-corpus.txt.
 */
class QrCorpusTest {

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
    Map<String, int[]> byCategory = new LinkedHashMap<>(); // [n, zxing, verifier, zbar]
    int n = 0;
    int zx = 0;
    int vr = 0;
    int zb = 0;
    List<String> rows = new ArrayList<>();
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
      for (Map.Entry<String, BufferedImage> e : QrCorpus.of(text).entrySet()) {
        Path file = dir.resolve(payload.getKey() + "-" + e.getKey() + ".png");
        ImageIO.write(e.getValue(), "png", file.toFile());
        boolean a = zxing(file, text);
        boolean v = a || verifierReader(file, text);
        boolean b = zbar && zbar(file, text);
        n++;
        zx += a ? 1 : 0;
        vr += v ? 1 : 0;
        zb += b ? 1 : 0;
        int[] c =
            byCategory.computeIfAbsent(
                e.getKey().replaceAll("-[0-9.]+(px)?$", ""), k -> new int[4]);
        c[0]++;
        c[1] += a ? 1 : 0;
        c[2] += v ? 1 : 0;
        c[3] += b ? 1 : 0;
        rows.add(
            String.format(
                Locale.ROOT,
                "  %-14s %-22s %4dx%-4d core %-4s verifier %-4s zbar %s",
                payload.getKey(),
                e.getKey(),
                e.getValue().getWidth(),
                e.getValue().getHeight(),
                a ? "yes" : "NO",
                v ? "yes" : "NO",
                zbar ? (b ? "yes" : "NO") : "n/a"));
      }
    }
    rows.forEach(r -> out.append(r).append('\n'));
    out.append("by category (images, core QrImages.read, verifier QrReader, zbarimg):\n");
    byCategory.forEach(
        (k, c) ->
            out.append(
                String.format(
                    Locale.ROOT, "  %-20s %2d  %2d  %2d  %2d%n", k, c[0], c[1], c[2], c[3])));
    out.append(
        String.format(
            Locale.ROOT,
            "total: %d images; core QrImages.read %d (%.0f %%); verifier QrReader %d (%.0f %%);"
                + " zbarimg %s%n",
            n,
            zx,
            100.0 * zx / n,
            vr,
            100.0 * vr / n,
            zbar ? zb + " (" + Math.round(100.0 * zb / n) + " %)" : "not installed"));
    System.out.print(out);
    Path report = Path.of("target/bench/qr-corpus.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out.toString());
  }

  static boolean zxing(Path file, String expected) throws IOException {
    try {
      return QrImages.read(Files.readAllBytes(file)).equals(expected);
    } catch (QrImageException e) {
      return false;
    }
  }

  static boolean verifierReader(Path file, String expected) throws IOException {
    try {
      return new QrReader(QrImages.DEFAULT_MAX_PIXELS)
          .read(Files.readAllBytes(file))
          .equals(expected);
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
