package io.flowchain.core.types;

import java.util.Arrays;

/**
 * An immutable byte string of fixed length, compared as an unsigned big-endian number. The base of
 * the project's hash and identifier types; two values are equal only if they are of the same class
 * and hold the same bytes.
 */
public abstract class FixedBytes implements Comparable<FixedBytes> {
  private final byte[] bytes;
  private final int hash;

  protected FixedBytes(byte[] bytes, int size, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (bytes.length != size) {
      throw new IllegalArgumentException(what + " must be " + size + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
    this.hash = Arrays.hashCode(this.bytes);
  }

  /** A copy of the bytes. */
  public final byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes without copying; callers must not modify them. */
  protected final byte[] raw() {
    return bytes;
  }

  /** The byte at {@code index}. */
  public final byte byteAt(int index) {
    return bytes[index];
  }

  public final int size() {
    return bytes.length;
  }

  /** Writes the bytes into {@code out} at {@code offset}. */
  public final void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
  }

  public final String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public final int compareTo(FixedBytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((FixedBytes) o).bytes);
  }

  @Override
  public final int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
