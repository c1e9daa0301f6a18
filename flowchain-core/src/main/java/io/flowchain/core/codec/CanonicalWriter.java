package io.flowchain.core.codec;

import io.flowchain.core.types.FixedBytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the canonical binary form that hashes and signatures are computed over: fixed-width
 * big-endian integers, fixed-size byte strings written as they are, variable-size byte strings and
 * UTF-8 strings prefixed by their length. See {@code docs/protocol.md}. Not thread-safe.
 */
public final class CanonicalWriter {
  private byte[] buf;
  private int len;

  public CanonicalWriter() {
    this(256);
  }

  public CanonicalWriter(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  public CanonicalWriter u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public CanonicalWriter u16(int v) {
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public CanonicalWriter u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** A signed 64-bit value in two's complement, big-endian. */
  public CanonicalWriter i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** A fixed-size value, written as it is (its size is implied by the field). */
  public CanonicalWriter fixed(FixedBytes value) {
    ensure(value.size());
    value.copyTo(buf, len);
    len += value.size();
    return this;
  }

  /** Raw bytes without a length prefix (for fixed-size fields only). */
  public CanonicalWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  /** A u32 length, then the bytes. */
  public CanonicalWriter bytes(byte[] bytes) {
    u32(bytes.length);
    return raw(bytes);
  }

  /** A u16 length, then the UTF-8 bytes of {@code s}. */
  public CanonicalWriter string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    u16(utf8.length);
    return raw(utf8);
  }

  /** An ASCII domain-separation tag followed by a zero byte. */
  public CanonicalWriter tag(String ascii) {
    raw(ascii.getBytes(StandardCharsets.US_ASCII));
    return u8(0);
  }

  public int length() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
