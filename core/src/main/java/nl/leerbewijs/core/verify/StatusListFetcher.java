package nl.leerbewijs.core.verify;

import java.io.IOException;

/**
 * Fetches the text of a status list token. Core has no HTTP client: the verifier service and the
 * wallet supply one with timeouts, a response size limit and {@code Accept:
 * application/statuslist+jwt}.
 */
@FunctionalInterface
public interface StatusListFetcher {

  /**
   * @throws IOException when the list cannot be fetched; the message must not contain secrets
   */
  String fetch(String uri) throws IOException;
}
