package io.flowchain.core.codec;

/** Canonical bytes that cannot be decoded: truncated, over-long or invalid. */
public final class MalformedEncodingException extends IllegalArgumentException {
  public MalformedEncodingException(String message) {
    super(message);
  }
}
