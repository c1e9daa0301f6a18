package io.flowchain.net.wire;

/**
 * A frame that breaks the wire protocol (docs/protocol.md §11): not JSON, too large, a missing,
 * unknown or mistyped field. {@link #code()} is the refusal code the receiver answers with.
 */
public final class WireException extends IllegalArgumentException {
  private final int code;

  public WireException(int code, String message) {
    super(message);
    this.code = code;
  }

  public WireException(String message) {
    this(Refusal.MALFORMED, message);
  }

  /** The refusal code of {@link Refusal}: 400 for a malformed frame, 413 for an oversized one. */
  public int code() {
    return code;
  }
}
