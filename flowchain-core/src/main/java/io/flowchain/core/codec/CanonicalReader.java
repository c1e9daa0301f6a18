package io.flowchain.core.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the canonical binary form written by {@link CanonicalWriter}. Every read checks bounds and
 * throws {@link MalformedEncodingException} with the offset on truncated or invalid input.
 */
public final class CanonicalReader {
  private final byte[] buf;
  private int pos;

  public CanonicalReader(byte[] buf) {
    this.buf = buf;
  }

  public int u8() {
    need(1, "u8");
    return buf[pos++] & 0xff;
  }

  public int u16() {
    need(2, "u16");
    int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  public long u32() {
    need(4, "u32");
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public long i64() {
    need(8, "i64");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xff);
    }
    return v;
  }

  public byte[] raw(int n) {
    need(n, n + " bytes");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  public byte[] bytes() {
    long n = u32();
    if (n > buf.length - pos) {
      throw new MalformedEncodingException(
          "length prefix " + n + " at offset " + (pos - 4) + " runs past the end");
    }
    return raw((int) n);
  }

  public String string() {
    int n = u16();
    byte[] utf8 = raw(n);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEncodingException("invalid UTF-8 string before offset " + pos);
    }
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return buf.length - pos;
  }

  /** Fails unless every byte was read. */
  public void expectEnd() {
    if (pos != buf.length) {
      throw new MalformedEncodingException(
          (buf.length - pos) + " unexpected trailing bytes at offset " + pos);
    }
  }

  private void need(int n, String what) {
    if (buf.length - pos < n) {
      throw new MalformedEncodingException(
          "truncated: need "
              + what
              + " at offset "
              + pos
              + ", only "
              + (buf.length - pos)
              + " left");
    }
  }
}
