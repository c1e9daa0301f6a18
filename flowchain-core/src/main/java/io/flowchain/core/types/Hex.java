package io.flowchain.core.types;

import java.util.HexFormat;

/** Lower-case hexadecimal, strict on input: even length, hex digits only, exact size if asked. */
public final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Decodes {@code hex}; throws {@link IllegalArgumentException} with a clear message if bad. */
  public static byte[] decode(String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is missing");
    }
    if ((hex.length() & 1) != 0) {
      throw new IllegalArgumentException("hex string has odd length " + hex.length());
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            "not a hex digit at position " + i + ": '" + hex.charAt(i) + "'");
      }
    }
    return HEX.parseHex(hex);
  }

  /** Decodes {@code hex} and checks it is exactly {@code size} bytes long. */
  public static byte[] decode(String hex, int size, String what) {
    byte[] bytes;
    try {
      bytes = decode(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad " + what + ": " + e.getMessage(), e);
    }
    if (bytes.length != size) {
      throw new IllegalArgumentException(
          "bad "
              + what
              + ": expected "
              + size
              + " bytes ("
              + 2 * size
              + " hex digits), got "
              + bytes.length);
    }
    return bytes;
  }
}
