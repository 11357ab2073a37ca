package nl.leerbewijs.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes JSON trees exactly as {@link Json#write} does (Jackson's compact UTF-8 output with its
 * default escaping), without Jackson's per-call setup, which costs more than the writing itself for
 * the small documents of an SD-JWT (a header, a payload, one disclosure). The writing itself is
 * {@link Utf8JsonWriter#compact()}; see there for the escaping rules.
 */
public final class CompactJson {

  private CompactJson() {}

  /** The compact UTF-8 JSON of a tree; the same bytes as {@link Json#write}. */
  public static byte[] write(JsonNode node) {
    return Utf8JsonWriter.compact().value(node).toByteArray();
  }
}
