package nl.leerbewijs.verifier.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * HTTPS for the service itself, without a proxy in front: a phone's browser lets the employer page
 * use the camera only over https (or on localhost).
 *
 * @param certificateFile PEM certificate chain, the server's own certificate first (certbot's
 *     {@code fullchain.pem})
 * @param keyFile PEM private key of that certificate, not encrypted (certbot's {@code privkey.pem})
 * @param checkInterval how often both files are checked for changes; a renewed certificate is used
 *     for new connections without a restart
 */
public record TlsSettings(Path certificateFile, Path keyFile, Duration checkInterval) {

  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);
}
