package io.flowchain.net.membership;

/**
 * A peer failed the membership check or the handshake. {@link #code()} is the refusal code sent
 * back ({@link io.flowchain.net.wire.Refusal}); the message says why, in words an operator can act
 * on.
 */
public final class MembershipException extends IllegalArgumentException {
  private final int code;

  public MembershipException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
