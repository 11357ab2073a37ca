package nl.leerbewijs.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.leerbewijs.core.credential.CredentialType;
import nl.leerbewijs.core.json.Json;

/** Reads the example documents packaged in leerbewijs-schemas (a directory or a jar). */
public final class Examples {

  static final String ROOT = "leerbewijs/examples/";

  private Examples() {}

  /** File names (sorted) of the JSON files in {@code examples/<folder>/}. */
  public static List<String> list(String folder) {
    URL url = Examples.class.getClassLoader().getResource(ROOT + folder);
    if (url == null) {
      throw new IllegalStateException("no examples folder on the classpath: " + folder);
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return names(fs.getPath(ROOT + folder));
      }
      return names(Path.of(uri));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The bytes of one example document. */
  public static byte[] bytes(String folder, String name) {
    String resource = ROOT + folder + "/" + name;
    try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing example " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(String folder, String name) {
    String resource = ROOT + folder + "/" + name;
    try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing example " + resource);
      }
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The credential type an example is for, from its file name prefix. */
  static CredentialType typeOf(String fileName) {
    CredentialType best = null;
    for (CredentialType type : CredentialType.values()) {
      if (fileName.startsWith(type.id() + "-")
          && (best == null || type.id().length() > best.id().length())) {
        best = type;
      }
    }
    if (best == null) {
      throw new IllegalStateException("example name does not start with a type id: " + fileName);
    }
    return best;
  }
}
