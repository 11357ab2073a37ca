package nl.leerbewijs.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * An HTTP client for talking to other parties (issuers, status lists) that assumes they may be
 * slow, huge or hostile: connect and request timeouts, a hard cap on the response body (read as a
 * stream and abandoned when crossed), no redirects, and {@code https} only, with plain {@code http}
 * allowed for loopback addresses when {@link Builder#allowLoopbackHttp} is set (tests, local
 * development). It never sends cookies or credentials of its own.
 *
 * <p>Which URLs may be fetched at all is the caller's decision (e.g. the verifier fetches only
 * status lists under a trusted issuer's prefixes); this class only makes fetching them safe.
 */
public final class BoundedHttpClient {

  /**
   * A response whose body was read completely within the size limit.
   *
   * @param contentType the {@code Content-Type} header, or empty
   * @param cacheControl the {@code Cache-Control} header, or empty
   */
  public record Response(int status, String contentType, byte[] body, String cacheControl) {

    public Response {
      contentType = contentType == null ? "" : contentType;
      cacheControl = cacheControl == null ? "" : cacheControl;
    }

    public Response(int status, String contentType, byte[] body) {
      this(status, contentType, body, "");
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    /** The media type without parameters, lower case ({@code application/json}); may be empty. */
    public String mediaType() {
      int semi = contentType.indexOf(';');
      String t = semi < 0 ? contentType : contentType.substring(0, semi);
      return t.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * How long the response may be reused by its {@code Cache-Control} header (RFC 9111 section
     * 5.2.2): {@code max-age} in seconds; zero for {@code no-store} or {@code no-cache}; empty when
     * the header says neither (or is malformed).
     */
    public Optional<Duration> maxAge() {
      Optional<Duration> maxAge = Optional.empty();
      for (String directive : cacheControl.split(",")) {
        String d = directive.trim().toLowerCase(Locale.ROOT);
        if (d.equals("no-store") || d.equals("no-cache")) {
          return Optional.of(Duration.ZERO);
        }
        if (d.startsWith("max-age=")) {
          String v = d.substring("max-age=".length()).replace("\"", "");
          // At most 9 digits: a larger figure is meaningless for a cache and would overflow.
          if (!v.matches("[0-9]{1,9}")) {
            return Optional.empty();
          }
          maxAge = Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
      }
      return maxAge;
    }
  }

  private final HttpClient client;
  private final Duration requestTimeout;
  private final int maxBodyBytes;
  private final boolean allowLoopbackHttp;
  private final String userAgent;

  private BoundedHttpClient(Builder b) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.requestTimeout = b.requestTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
    this.allowLoopbackHttp = b.allowLoopbackHttp;
    this.userAgent = b.userAgent;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** GET with an {@code Accept} header. */
  public Response get(URI uri, String accept) throws IOException {
    return send(request(uri).header("Accept", accept).GET());
  }

  /** POST of an {@code application/x-www-form-urlencoded} body. */
  public Response postForm(URI uri, Map<String, String> form, String accept) throws IOException {
    StringJoiner body = new StringJoiner("&");
    form.forEach(
        (k, v) ->
            body.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(
        request(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", accept)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** POST of a JSON body, with an optional bearer token. */
  public Response postJson(URI uri, byte[] json, String bearerToken) throws IOException {
    HttpRequest.Builder r =
        request(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (bearerToken != null) {
      r.header("Authorization", "Bearer " + bearerToken);
    }
    return send(r);
  }

  private HttpRequest.Builder request(URI uri) throws IOException {
    checkUri(uri);
    return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", userAgent);
  }

  /**
   * Whether a URI may be fetched by this client: absolute {@code https}, or {@code http} to a
   * loopback host when allowed; no user info.
   */
  public void checkUri(URI uri) throws IOException {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new IOException("refusing to fetch " + safe(uri) + ": not an absolute URL with a host");
    }
    if (scheme.equals("https")) {
      return;
    }
    if (scheme.equals("http") && allowLoopbackHttp && isLoopback(uri.getHost())) {
      return;
    }
    throw new IOException("refusing to fetch " + safe(uri) + ": only https URLs are fetched");
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: resolving a name here would let DNS decide what "loopback" means.
    if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")) {
      return false;
    }
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private Response send(HttpRequest.Builder request) throws IOException {
    HttpRequest r = request.build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(r, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IOException(
          safe(r.uri()) + " did not answer within " + requestTimeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + safe(r.uri()));
    } catch (IOException e) {
      throw new IOException(safe(r.uri()) + " could not be reached: " + describe(e));
    }
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    try (InputStream in = response.body()) {
      if (declared > maxBodyBytes) {
        throw new IOException(tooLarge(r.uri()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBodyBytes, 64 * 1024));
      byte[] buf = new byte[16 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > maxBodyBytes) {
          throw new IOException(tooLarge(r.uri()));
        }
        out.write(buf, 0, n);
      }
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      String cacheControl = String.join(",", response.headers().allValues("Cache-Control"));
      return new Response(response.statusCode(), contentType, out.toByteArray(), cacheControl);
    } catch (HttpTimeoutException e) {
      throw new IOException(safe(r.uri()) + " did not finish answering in time");
    }
  }

  private String tooLarge(URI uri) {
    return safe(uri) + " answered with more than " + maxBodyBytes + " bytes";
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The URI without query or fragment, which may hold codes or tokens. */
  static String safe(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  /** Builder with defaults for calls to other parties. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int maxBodyBytes = 1024 * 1024;
    private boolean allowLoopbackHttp;
    private String userAgent = "leerbewijs";

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = Objects.requireNonNull(d);
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = Objects.requireNonNull(d);
      return this;
    }

    public Builder maxBodyBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = max;
      return this;
    }

    /** Allow plain http to 127.0.0.0/8, [::1] and localhost (tests and local development). */
    public Builder allowLoopbackHttp(boolean allow) {
      this.allowLoopbackHttp = allow;
      return this;
    }

    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua);
      return this;
    }

    public BoundedHttpClient build() {
      return new BoundedHttpClient(this);
    }
  }
}
