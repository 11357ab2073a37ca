package nl.leerbewijs.core.qr;

import java.awt.image.BufferedImage;

/**
 * A rendered QR code.
 *
 * @param image black modules on white, with the quiet zone
 * @param version QR version 1..40
 * @param modules modules per side without the quiet zone (17 + 4 * version)
 * @param moduleSize pixels per module
 */
public record QrImage(BufferedImage image, int version, int modules, int moduleSize) {}
