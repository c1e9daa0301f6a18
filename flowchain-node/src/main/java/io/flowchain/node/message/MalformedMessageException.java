package io.flowchain.node.message;

/** Bytes that are not a well-formed ledger message; the message says what is wrong and where. */
public final class MalformedMessageException extends IllegalArgumentException {
  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
