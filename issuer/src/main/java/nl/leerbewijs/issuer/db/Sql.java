package nl.leerbewijs.issuer.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named SQL statements loaded from a resource file next to the store that uses them. The file holds
 * blocks introduced by {@code -- name: <statement name>}; parameters use SqlTemplate's {@code
 * #{param}} syntax. SQL lives in resources, never in string concatenation.
 */
public final class Sql {
  private final String resource;
  private final Map<String, String> statements;

  private Sql(String resource, Map<String, String> statements) {
    this.resource = resource;
    this.statements = statements;
  }

  /** Loads {@code resource} relative to {@code owner}'s package. */
  public static Sql load(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("SQL resource " + resource + " is missing");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> map = new LinkedHashMap<>();
      String name = null;
      StringBuilder body = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("-- name:")) {
          if (name != null) {
            map.put(name, body.toString().trim());
          }
          name = line.substring("-- name:".length()).trim();
          body.setLength(0);
        } else if (name != null && !line.startsWith("--")) {
          body.append(line).append('\n');
        }
      }
      if (name != null) {
        map.put(name, body.toString().trim());
      }
      return new Sql(resource, Map.copyOf(map));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statement called {@code name}. */
  public String get(String name) {
    String s = statements.get(name);
    if (s == null) {
      throw new IllegalStateException("no statement '" + name + "' in " + resource);
    }
    return s;
  }
}
