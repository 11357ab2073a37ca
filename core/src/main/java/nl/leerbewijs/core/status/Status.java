package nl.leerbewijs.core.status;

/**
 * One status value in a Token Status List (draft-ietf-oauth-status-list section 7): an unsigned
 * value 0..255 of which the list stores as many low bits as its {@code bits}.
 *
 * @param value the raw status value, 0..255
 */
public record Status(int value) {

  /** 0x00: the Referenced Token is valid. */
  public static final Status VALID = new Status(0x00);

  /** 0x01: the Referenced Token is revoked ("INVALID"). */
  public static final Status INVALID = new Status(0x01);

  /** 0x02: the Referenced Token is temporarily suspended. */
  public static final Status SUSPENDED = new Status(0x02);

  public Status {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("status value " + value + " is outside 0..255");
    }
  }

  /** The status with this raw value. */
  public static Status of(int value) {
    switch (value) {
      case 0x00:
        return VALID;
      case 0x01:
        return INVALID;
      case 0x02:
        return SUSPENDED;
      default:
        return new Status(value);
    }
  }

  public boolean isValid() {
    return value == 0x00;
  }

  public boolean isInvalid() {
    return value == 0x01;
  }

  public boolean isSuspended() {
    return value == 0x02;
  }

  /** 0x03 and 0x0C..0x0F are reserved for application-specific use (section 7.1). */
  public boolean isApplicationSpecific() {
    return value == 0x03 || (value >= 0x0C && value <= 0x0F);
  }

  /** The smallest {@code bits} value (1, 2, 4 or 8) that can hold this status. */
  public int minimumBits() {
    return value < 2 ? 1 : value < 4 ? 2 : value < 16 ? 4 : 8;
  }

  @Override
  public String toString() {
    switch (value) {
      case 0x00:
        return "VALID";
      case 0x01:
        return "INVALID";
      case 0x02:
        return "SUSPENDED";
      default:
        return String.format("0x%02X", value);
    }
  }
}
