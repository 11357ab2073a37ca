package nl.leerbewijs.verifier.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * HTTPS for the service itself, without a proxy in front: a phone's browser lets the employer page
 * use the camera only over https (or on localhost).
 *
 * @param certificateFile PEM certificate chain, the server's own certificate first (certbot's
 *     {@code fullchain.pem})
 * @param keyFile PEM private key of that certificate, not encrypted (certbot's {@code privkey.pem})
 * @param checkInterval how often both files are checked for changes; a renewed certificate is used
 *     for new connections without a restart
 * @param redirectPort a plain-http port (usually 80) that sends every request on to https, so that
 *     typing the bare host name works; empty: none (0: any free port, for tests)
 * @param acmeWebroot a directory whose {@code .well-known/acme-challenge/} files the redirect port
 *     serves, so that certbot's webroot renewals work beside the service; empty: none
 */
public record TlsSettings(
    Path certificateFile,
    Path keyFile,
    Duration checkInterval,
    OptionalInt redirectPort,
    Optional<Path> acmeWebroot) {

  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMinutes(1);
}
