package nl.leerbewijs.verifier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load generators' answer reader, on the shapes of answer it must tell apart. */
class HttpAnswersTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void endIsKnownOnceTheHeadIsInAndCountsTheBody() throws IOException {
    byte[] b = bytes("HTTP/1.1 200 OK\r\ncontent-type: x\r\nCONTENT-Length: 5\r\n\r\nhello");
    assertEquals(-1, HttpAnswers.end(b, 20), "head not complete yet");
    assertEquals(b.length, HttpAnswers.end(b, b.length - 3), "body not all in, end still known");
    assertEquals(b.length, HttpAnswers.end(b, b.length));
  }

  @Test
  void anAnswerWithoutContentLengthIsRefused() {
    byte[] b = bytes("HTTP/1.1 200 OK\r\nx-content-length-ish: 5\r\n\r\nhello");
    IOException e = assertThrows(IOException.class, () -> HttpAnswers.end(b, b.length));
    assertTrue(e.getMessage().contains("Content-Length"));
  }

  @Test
  void onlyA200WithTheValidVerdictPasses() throws IOException {
    byte[] valid = bytes("HTTP/1.1 200 OK\r\nContent-Length: 19\r\n\r\n{\"verdict\":\"valid\"}");
    HttpAnswers.expectValid(valid, HttpAnswers.end(valid, valid.length));

    byte[] invalid =
        bytes("HTTP/1.1 200 OK\r\nContent-Length: 21\r\n\r\n{\"verdict\":\"invalid\"}");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> HttpAnswers.expectValid(invalid, HttpAnswers.end(invalid, invalid.length)));
    assertTrue(e.getMessage().contains("invalid"), e.getMessage());

    byte[] busy = bytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    assertThrows(
        IllegalStateException.class,
        () -> HttpAnswers.expectValid(busy, HttpAnswers.end(busy, busy.length)));
  }
}
