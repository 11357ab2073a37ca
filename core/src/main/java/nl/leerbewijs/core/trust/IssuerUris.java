package nl.leerbewijs.core.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * URL rules for issuer identifiers and status list prefixes: https only (http only for the loopback
 * host, for tests), no user info, no fragment, and prefix checks that compare scheme, host, port
 * and raw path segment-wise so that neither {@code https://a.example.evil} nor {@code
 * .../status/../admin} passes as "under {@code https://a.example/status/}".
 */
final class IssuerUris {

  static final int MAX_LENGTH = 2048;

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private IssuerUris() {}

  /** Why the text is not acceptable as an issuer id, or empty when it is. */
  static Optional<String> issuerIdProblem(String id) {
    Optional<String> p = baseProblem(id);
    if (p.isPresent()) {
      return p;
    }
    URI u = URI.create(id);
    if (u.getRawQuery() != null) {
      return Optional.of("must not have a query");
    }
    return Optional.empty();
  }

  /** Why the text is not acceptable as a status list URI prefix, or empty when it is. */
  static Optional<String> prefixProblem(String prefix) {
    Optional<String> p = baseProblem(prefix);
    if (p.isPresent()) {
      return p;
    }
    URI u = URI.create(prefix);
    if (u.getRawQuery() != null) {
      return Optional.of("must not have a query");
    }
    String path = u.getRawPath();
    if (path == null || !path.endsWith("/")) {
      return Optional.of("path must end with '/'");
    }
    return Optional.empty();
  }

  /** Whether {@code candidate} lies under {@code prefix} (a prefix accepted by prefixProblem). */
  static boolean under(String prefix, String candidate) {
    return underAny(List.of(URI.create(prefix)), candidate);
  }

  /**
   * Whether {@code candidate} lies under one of the prefixes (each accepted by prefixProblem and
   * parsed); the candidate is parsed and checked once.
   */
  static boolean underAny(List<URI> prefixes, String candidate) {
    URI c = acceptable(candidate);
    if (c == null) {
      return false;
    }
    for (URI p : prefixes) {
      if (p.getScheme().equalsIgnoreCase(c.getScheme())
          && p.getHost().equalsIgnoreCase(c.getHost())
          && port(p) == port(c)
          && c.getRawPath() != null
          && c.getRawPath().startsWith(p.getRawPath())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code candidate} passes the base URL rules (https, or http to a loopback host; no user
   * info, fragment, dot segments or encoded slashes) and has the same scheme, host and port as
   * {@code base}.
   */
  static boolean sameOrigin(String base, String candidate) {
    URI b = acceptable(base);
    URI c = acceptable(candidate);
    return b != null
        && c != null
        && b.getScheme().equalsIgnoreCase(c.getScheme())
        && b.getHost().equalsIgnoreCase(c.getHost())
        && port(b) == port(c);
  }

  /** The parsed URI when the text passes {@link #baseProblem}, else null. */
  private static URI acceptable(String text) {
    if (text == null) {
      return null;
    }
    Object r = check(text);
    return r instanceof URI ? (URI) r : null;
  }

  private static Optional<String> baseProblem(String text) {
    Object r = check(text);
    return r instanceof URI ? Optional.empty() : Optional.of((String) r);
  }

  /** The parsed URI, or the problem as a String. */
  private static Object check(String text) {
    if (text == null || text.isEmpty()) {
      return "must be a URL";
    }
    if (text.length() > MAX_LENGTH) {
      return "longer than " + MAX_LENGTH + " characters";
    }
    URI u;
    try {
      u = new URI(text);
    } catch (URISyntaxException e) {
      return "is not a URI";
    }
    if (!u.isAbsolute() || u.isOpaque() || u.getHost() == null) {
      return "must be an absolute URL with a host";
    }
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(host))) {
      return "must use https (http only for 127.0.0.1 or localhost)";
    }
    if (u.getRawUserInfo() != null) {
      return "must not have user info";
    }
    if (u.getRawFragment() != null) {
      return "must not have a fragment";
    }
    String path = u.getRawPath();
    if (path != null) {
      for (String segment : path.split("/", -1)) {
        String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
        if (s.equals(".") || s.equals("..")) {
          return "must not have dot segments";
        }
      }
      String lower = path.toLowerCase(Locale.ROOT);
      if (lower.contains("%2f") || lower.contains("%5c")) {
        return "must not have encoded slashes";
      }
    }
    return u;
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }
}
