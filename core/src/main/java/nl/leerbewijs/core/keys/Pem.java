package nl.leerbewijs.core.keys;

import java.util.Base64;

/** Writes PEM (RFC 7468): base64 in 64-character lines between BEGIN and END lines. */
public final class Pem {

  private Pem() {}

  /** {@code der} as PEM with the given label ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...). */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
