package nl.leerbewijs.verifier;

import java.util.Optional;

/** The image formats the verifier reads QR codes from, recognised by their magic bytes. */
public enum ImageFormat {
  PNG("image/png"),
  JPEG("image/jpeg"),
  GIF("image/gif"),
  BMP("image/bmp");

  private final String mediaType;

  ImageFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format whose signature {@code bytes} start with, if any. */
  public static Optional<ImageFormat> sniff(byte[] bytes) {
    if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, 'G', 'I', 'F', '8')) {
      return Optional.of(GIF);
    }
    if (startsWith(bytes, 'B', 'M') && bytes.length > 26) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  /** The format a media type names (parameters ignored), if it is one of ours. */
  public static Optional<ImageFormat> ofMediaType(String mediaType) {
    for (ImageFormat f : values()) {
      if (f.mediaType.equalsIgnoreCase(mediaType)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
