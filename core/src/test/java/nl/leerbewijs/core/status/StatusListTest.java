package nl.leerbewijs.core.status;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import nl.leerbewijs.core.json.Base64Url;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusListTest {

  private static final Pattern STATUS_LINE = Pattern.compile("status\\[(\\d+)]\\s*=\\s*0b([01]+)");
  private static final Pattern LST = Pattern.compile("\"lst\": \"([^\"]*)\"");

  static String resource(String name) throws IOException {
    try (InputStream in =
        StatusListTest.class.getResourceAsStream("/vectors/status-list/" + name)) {
      if (in == null) {
        throw new IOException("missing test vector " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The statuses a vector lists, as the draft prints them ({@code status[i] = 0b...}). */
  static Map<Integer, Integer> statuses(String file) throws IOException {
    Map<Integer, Integer> out = new HashMap<>();
    Matcher m = STATUS_LINE.matcher(resource(file));
    while (m.find()) {
      out.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2), 2));
    }
    return out;
  }

  /** The {@code lst} of a vector, its display line breaks removed. */
  static String lst(String file) throws IOException {
    Matcher m = LST.matcher(resource(file));
    assertTrue(m.find(), file);
    return m.group(1).replaceAll("\\s", "");
  }

  private static StatusList build(int size, int bits, Map<Integer, Integer> statuses) {
    StatusList list = new StatusList(size, bits);
    statuses.forEach(list::set);
    return list;
  }

  private static void assertMatches(StatusList list, Map<Integer, Integer> statuses) {
    for (int i = 0; i < list.size(); i++) {
      assertEquals(statuses.getOrDefault(i, 0), list.get(i).value(), "index " + i);
    }
  }

  // draft-ietf-oauth-status-list section 4.1, first example: 16 entries, bits 1 -> 0xB9 0xA3.
  @Test
  void set_section41OneBitExample_packsLeastSignificantBitFirst() throws IOException {
    StatusList list = build(16, 1, statuses("section-4.1-bits1.txt"));
    assertArrayEquals(new byte[] {(byte) 0xB9, (byte) 0xA3}, list.toByteArray());
  }

  // Section 4.1, second example: 12 entries, bits 2 -> 0xC9 0x44 0xF9.
  @Test
  void set_section41TwoBitExample_packsLeastSignificantBitsFirst() throws IOException {
    StatusList list = build(12, 2, statuses("section-4.1-bits2.txt"));
    assertArrayEquals(new byte[] {(byte) 0xC9, 0x44, (byte) 0xF9}, list.toByteArray());
  }

  // Section 4.2: the JSON encodings of both examples.
  @Test
  void encode_section42Examples_matchDraftLst() throws Exception {
    assertEquals(
        lst("section-4.2-bits1.json"), build(16, 1, statuses("section-4.1-bits1.txt")).encode());
    assertEquals(
        lst("section-4.2-bits2.json"), build(12, 2, statuses("section-4.1-bits2.txt")).encode());
  }

  @Test
  void decode_section42Examples_giveDraftStatuses() throws Exception {
    StatusList one = StatusList.decode(1, lst("section-4.2-bits1.json"));
    assertEquals(16, one.size());
    assertMatches(one, statuses("section-4.1-bits1.txt"));
    StatusList two = StatusList.decode(2, lst("section-4.2-bits2.json"));
    assertEquals(12, two.size());
    assertMatches(two, statuses("section-4.1-bits2.txt"));
    assertEquals(Status.SUSPENDED, two.get(1));
  }

  // Appendix "Test vectors for Status List encoding": 2^20 entries at 1, 2, 4 and 8 bits.
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void decode_appendixVector_givesListedStatusesAndZeroElsewhere(int bits) throws Exception {
    Map<Integer, Integer> expected = statuses("appendix-bits" + bits + "-statuses.txt");
    StatusList list = StatusList.decode(bits, lst("appendix-bits" + bits + ".json"));
    assertEquals(1 << 20, list.size());
    assertMatches(list, expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void encode_appendixVector_reproducesDraftLst(int bits) throws Exception {
    StatusList list = build(1 << 20, bits, statuses("appendix-bits" + bits + "-statuses.txt"));
    assertEquals(lst("appendix-bits" + bits + ".json"), list.encode());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void encodeDecode_randomStatuses_roundTrip(int bits) throws Exception {
    Random random = new Random(4711L * bits);
    int size = 10_000 + random.nextInt(1000);
    StatusList list = new StatusList(size, bits);
    Map<Integer, Integer> set = new HashMap<>();
    for (int n = 0; n < 2_000; n++) {
      int index = random.nextInt(size);
      int value = random.nextInt(1 << bits);
      list.set(index, value);
      set.put(index, value);
    }
    StatusList decoded = StatusList.decode(bits, list.encode());
    assertTrue(decoded.size() >= size);
    for (int i = 0; i < size; i++) {
      assertEquals(set.getOrDefault(i, 0), decoded.get(i).value(), "index " + i);
    }
  }

  @Test
  void set_neighbours_doNotDisturbEachOther() {
    for (int bits : new int[] {1, 2, 4, 8}) {
      StatusList list = new StatusList(64, bits);
      int max = (1 << bits) - 1;
      for (int i = 0; i < 64; i++) {
        list.set(i, max);
      }
      list.set(5, 0);
      for (int i = 0; i < 64; i++) {
        assertEquals(i == 5 ? 0 : max, list.get(i).value(), "bits " + bits + " index " + i);
      }
    }
  }

  @Test
  void set_valueTooWideOrIndexOutside_throws() {
    StatusList list = new StatusList(8, 1);
    assertThrows(IllegalArgumentException.class, () -> list.set(0, Status.SUSPENDED));
    assertThrows(IndexOutOfBoundsException.class, () -> list.set(8, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
    assertThrows(IllegalArgumentException.class, () -> new StatusList(8, 3));
    assertThrows(IllegalArgumentException.class, () -> new StatusList(0, 1));
  }

  @Test
  void decode_badBits_throws() {
    for (int bits : new int[] {0, 3, 5, 16, -1}) {
      assertThrows(StatusListParseException.class, () -> StatusList.decode(bits, "eNrbuRgAAhcBXQ"));
    }
  }

  @Test
  void decode_badBase64url_throws() {
    for (String lst :
        new String[] {"", "eNrbuRgAAhcBXQ==", "eNrb+RgAAhcBXQ", "eNrb uRgAAhcBXQ", "a"}) {
      assertThrows(StatusListParseException.class, () -> StatusList.decode(1, lst), lst);
    }
  }

  @Test
  void decode_notZlib_throws() {
    byte[] raw = {(byte) 0xB9, (byte) 0xA3};
    // raw DEFLATE without the ZLIB header, GZIP, and plain bytes
    String rawDeflate = Base64Url.encode(deflate(raw, true));
    String gzipLike = Base64Url.encode(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0});
    for (String lst : new String[] {rawDeflate, gzipLike, Base64Url.encode(raw), "AA"}) {
      assertThrows(StatusListParseException.class, () -> StatusList.decode(1, lst), lst);
    }
  }

  @Test
  void decode_presetDictionaryFlag_throws() {
    // CMF 0x78, FLG with FDICT set and a valid check: 0x78BB % 31 == 0
    byte[] data = {0x78, (byte) 0xBB, 0, 0, 0, 1, 3, 0};
    assertThrows(
        StatusListParseException.class, () -> StatusList.decode(1, Base64Url.encode(data)));
  }

  @Test
  void decode_truncated_throws() {
    byte[] z = deflate(new byte[1000], false);
    for (int cut : new int[] {3, z.length / 2, z.length - 1}) {
      byte[] t = java.util.Arrays.copyOf(z, cut);
      assertThrows(
          StatusListParseException.class,
          () -> StatusList.decode(1, Base64Url.encode(t)),
          "" + cut);
    }
  }

  @Test
  void decode_trailingData_throws() {
    byte[] z = deflate(new byte[] {1, 2, 3}, false);
    byte[] t = java.util.Arrays.copyOf(z, z.length + 1);
    assertThrows(StatusListParseException.class, () -> StatusList.decode(1, Base64Url.encode(t)));
  }

  @Test
  void decode_badChecksum_throws() {
    byte[] z = deflate(new byte[] {1, 2, 3}, false);
    z[z.length - 1] ^= 1;
    assertThrows(StatusListParseException.class, () -> StatusList.decode(1, Base64Url.encode(z)));
  }

  @Test
  void decode_emptyList_throws() {
    assertThrows(
        StatusListParseException.class,
        () -> StatusList.decode(1, Base64Url.encode(deflate(new byte[0], false))));
  }

  /** 1 GiB of zeros compresses to about 1 MB; decoding must stop at the cap, not allocate 1 GiB. */
  @Test
  void decode_compressionBombOfOneGibibyte_refusedAtCap() {
    String bomb = Base64Url.encode(zerosBomb(1 << 30));
    StatusListParseException e =
        assertThrows(StatusListParseException.class, () -> StatusList.decode(1, bomb));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void decode_overConfiguredCap_refused() throws Exception {
    String lst = Base64Url.encode(deflate(new byte[4097], false));
    assertThrows(StatusListParseException.class, () -> StatusList.decode(1, lst, 4096));
    assertEquals(4097 * 8, StatusList.decode(1, lst, 4097).size());
  }

  @Test
  void status_applicationSpecificValues_recognised() {
    assertTrue(Status.of(3).isApplicationSpecific());
    assertTrue(Status.of(0x0C).isApplicationSpecific());
    assertTrue(Status.of(0x0F).isApplicationSpecific());
    assertTrue(!Status.of(0x0B).isApplicationSpecific());
    assertTrue(Status.of(0).isValid() && Status.of(1).isInvalid() && Status.of(2).isSuspended());
    assertThrows(IllegalArgumentException.class, () -> Status.of(256));
    assertEquals(4, Status.of(0x0C).minimumBits());
  }

  static byte[] deflate(byte[] data, boolean raw) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, raw);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /** A ZLIB stream of {@code size} zero bytes, made in chunks so the input is never allocated. */
  static byte[] zerosBomb(long size) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    byte[] chunk = new byte[1 << 20];
    byte[] buf = new byte[64 * 1024];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long fed = 0; fed < size; fed += chunk.length) {
      d.setInput(chunk);
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }
}
