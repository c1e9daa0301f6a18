package io.flowchain.core.types;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string of any length (payloads, salts). */
public final class Bytes {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Bytes of(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  public static Bytes utf8(String s) {
    return new Bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public static Bytes parseHex(String hex) {
    return new Bytes(Hex.decode(hex));
  }

  public static Bytes parseBase64(String base64) {
    try {
      return new Bytes(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid base64: " + e.getMessage(), e);
    }
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes.length <= 32
        ? toHex()
        : toHex().substring(0, 64) + "…(" + bytes.length + " bytes)";
  }
}
