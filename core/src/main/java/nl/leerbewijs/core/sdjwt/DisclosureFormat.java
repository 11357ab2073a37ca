package nl.leerbewijs.core.sdjwt;

/**
 * How an issuer writes the JSON array inside a disclosure. Verifiers never care: a digest is taken
 * over the base64url text as sent (RFC 9901 section 4.2.3), whatever its spacing.
 */
public enum DisclosureFormat {
  /** No whitespace, non-ASCII as UTF-8: the smallest disclosures (our default; QR size matters). */
  COMPACT,
  /**
   * {@code ["salt", "name", value]} with a space after each comma and colon and non-ASCII escaped
   * as lowercase {@code \\uXXXX}: the layout of the RFC 9901 examples (Python's {@code
   * json.dumps}), used to replay them byte for byte.
   */
  SPACED_ASCII
}
