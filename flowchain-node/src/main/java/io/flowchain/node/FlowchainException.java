package io.flowchain.node;

import io.flowchain.node.message.FailureReason;

/**
 * Why a request of {@link FlowchainNode} failed: the futures it returns complete exceptionally with
 * this exception, whose {@link #reason()} says what happened (an answer of the recorder such as
 * {@code NO_VALID_BLOCK}, or {@code TIMEOUT}, {@code BUSY}, {@code CLOSED}, ...).
 */
public final class FlowchainException extends RuntimeException {
  private final FailureReason reason;

  public FlowchainException(FailureReason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public FailureReason reason() {
    return reason;
  }
}
