package nl.leerbewijs.wallet.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import nl.leerbewijs.core.json.Json;

/**
 * One credential in the wallet: the issued SD-JWT VC with all its disclosures (as verified when it
 * was stored), the claims it shows when everything is disclosed, and the last known status.
 *
 * @param id short stable id: the first 8 hex digits of SHA-256 over the issuer-signed JWT
 * @param sdJwt the credential as issued ({@code <issuer JWT>~<disclosures>~}, no key binding)
 * @param vct its type
 * @param typeId our type id ({@code microcredential}...), or null for an unknown vct
 * @param issuer the {@code iss}
 * @param issuerName the issuer's display name if known, else null
 * @param claims every claim after disclosure processing (without {@code cnf})
 * @param addedAt when it was stored
 * @param source {@code import} or {@code receive}
 * @param status the last known status
 */
public record StoredCredential(
    String id,
    String sdJwt,
    String vct,
    String typeId,
    String issuer,
    String issuerName,
    ObjectNode claims,
    Instant addedAt,
    String source,
    CredentialStatus status) {

  public StoredCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sdJwt, "sdJwt");
    Objects.requireNonNull(vct, "vct");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(addedAt, "addedAt");
    Objects.requireNonNull(status, "status");
    claims = claims.deepCopy();
  }

  @Override
  public ObjectNode claims() {
    return claims.deepCopy();
  }

  public StoredCredential withStatus(CredentialStatus s) {
    return new StoredCredential(
        id, sdJwt, vct, typeId, issuer, issuerName, claims, addedAt, source, s);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("sd_jwt", sdJwt);
    o.put("vct", vct);
    o.put("type", typeId);
    o.put("issuer", issuer);
    o.put("issuer_name", issuerName);
    o.set("claims", claims);
    o.put("added_at", addedAt.toString());
    o.put("source", source);
    o.set("status", status.toJson());
    return o;
  }

  static StoredCredential fromJson(JsonNode o) {
    if (!o.isObject() || !o.path("claims").isObject()) {
      throw new IllegalArgumentException("credential entry is not an object with claims");
    }
    return new StoredCredential(
        req(o, "id"),
        req(o, "sd_jwt"),
        req(o, "vct"),
        o.path("type").textValue(),
        req(o, "issuer"),
        o.path("issuer_name").textValue(),
        (ObjectNode) o.get("claims"),
        Instant.parse(req(o, "added_at")),
        o.path("source").textValue(),
        CredentialStatus.fromJson(o.path("status")));
  }

  static String req(JsonNode o, String member) {
    String v = o.path(member).textValue();
    if (v == null) {
      throw new IllegalArgumentException("member " + member + " missing");
    }
    return v;
  }
}
