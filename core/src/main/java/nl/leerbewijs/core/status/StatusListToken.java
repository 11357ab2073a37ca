package nl.leerbewijs.core.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import nl.leerbewijs.core.jose.JoseHeaderNames;
import nl.leerbewijs.core.jose.JwsSigner;
import nl.leerbewijs.core.json.Json;

/**
 * Creates Status List Tokens in JWT form (draft-ietf-oauth-status-list section 5.1): header {@code
 * typ: statuslist+jwt} (and {@code kid} when given), claims {@code sub} (the list's URI, which
 * credentials reference as {@code status.status_list.uri}), {@code iat}, optional {@code exp},
 * {@code ttl} and {@code iss}, and {@code status_list} with {@code bits}, {@code lst} and optional
 * {@code aggregation_uri}. Verification is {@link StatusListTokenVerifier}'s job.
 */
public final class StatusListToken {

  private StatusListToken() {}

  /** A builder for the token of {@code list}, published at {@code uri}. */
  public static Builder builder(String uri, StatusList list) {
    return new Builder(uri, list);
  }

  /** Collects the claims of one Status List Token. Not thread-safe. */
  public static final class Builder {
    private final String uri;
    private final StatusList list;
    private String kid;
    private String issuer;
    private Instant issuedAt;
    private Instant expiresAt;
    private Duration ttl;
    private String aggregationUri;

    private Builder(String uri, StatusList list) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.list = Objects.requireNonNull(list, "list");
    }

    /** The {@code kid} header naming the signing key. */
    public Builder keyId(String kid) {
      this.kid = kid;
      return this;
    }

    /** The optional {@code iss} claim. */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** The {@code iat} claim (required). */
    public Builder issuedAt(Instant iat) {
      this.issuedAt = iat;
      return this;
    }

    /** The {@code exp} claim (recommended). */
    public Builder expiresAt(Instant exp) {
      this.expiresAt = exp;
      return this;
    }

    /** The {@code ttl} claim in whole seconds (recommended); must be positive. */
    public Builder ttl(Duration ttl) {
      if (ttl != null && ttl.getSeconds() < 1) {
        throw new IllegalArgumentException("ttl must be at least one second, got " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /** The optional {@code aggregation_uri} in {@code status_list}. */
    public Builder aggregationUri(String aggregationUri) {
      this.aggregationUri = aggregationUri;
      return this;
    }

    /** The claims set this builder describes. */
    public ObjectNode claims() {
      if (issuedAt == null) {
        throw new IllegalStateException("a status list token needs iat");
      }
      if (expiresAt != null && !expiresAt.isAfter(issuedAt)) {
        throw new IllegalStateException("status list token exp must be after iat");
      }
      ObjectNode claims = Json.object();
      if (issuer != null) {
        claims.put(StatusListNames.ISS, issuer);
      }
      claims.put(StatusListNames.SUB, uri);
      claims.put(StatusListNames.IAT, issuedAt.getEpochSecond());
      if (expiresAt != null) {
        claims.put(StatusListNames.EXP, expiresAt.getEpochSecond());
      }
      if (ttl != null) {
        claims.put(StatusListNames.TTL, ttl.getSeconds());
      }
      ObjectNode statusList = claims.putObject(StatusListNames.STATUS_LIST);
      statusList.put(StatusListNames.BITS, list.bits());
      statusList.put(StatusListNames.LST, list.encode());
      if (aggregationUri != null) {
        statusList.put(StatusListNames.AGGREGATION_URI, aggregationUri);
      }
      return claims;
    }

    /** Signs the token and returns its compact serialization. */
    public String sign(JwsSigner signer) {
      ObjectNode header = signer.header(StatusListNames.TYP_STATUSLIST_JWT);
      if (kid != null) {
        header.put(JoseHeaderNames.KID, kid);
      }
      return signer.sign(header, Json.write(claims()));
    }
  }
}
