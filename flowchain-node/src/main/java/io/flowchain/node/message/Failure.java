package io.flowchain.node.message;

import java.nio.charset.StandardCharsets;

/** The answer to a request that could not be served: why, as a code and a sentence. */
public record Failure(long requestId, FailureReason reason, String message)
    implements LedgerMessage {
  public Failure {
    if (reason == null || message == null) {
      throw new IllegalArgumentException("failure reason or message missing");
    }
    if (message.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_TEXT_BYTES) {
      throw new IllegalArgumentException(
          "failure message longer than " + Limits.MAX_TEXT_BYTES + " bytes");
    }
  }

  @Override
  public Kind kind() {
    return Kind.FAILURE;
  }
}
