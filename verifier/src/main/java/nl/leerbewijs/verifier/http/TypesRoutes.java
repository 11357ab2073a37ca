package nl.leerbewijs.verifier.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.credential.TypeMetadata;
import nl.leerbewijs.core.json.Json;

/**
 * {@code GET /api/types}: the SD-JWT VC Type Metadata of every leerbewijs credential type, as
 * {@code {"types": [{"id", "vct", "metadata"}]}}, so the page can show display names and claim
 * labels in Dutch and English. Built once from the packaged documents.
 */
public final class TypesRoutes {
  private final Buffer body;

  public TypesRoutes() {
    ObjectNode root = Json.object();
    ArrayNode types = root.putArray("types");
    for (CredentialType t : CredentialType.values()) {
      ObjectNode o = types.addObject();
      o.put("id", t.id());
      o.put("vct", t.vct());
      o.set("metadata", TypeMetadata.forType(t).document());
    }
    this.body = Buffer.buffer(Json.write(root));
  }

  public void addRoutes(Router router) {
    router
        .get("/api/types")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                    .end(body));
  }
}
