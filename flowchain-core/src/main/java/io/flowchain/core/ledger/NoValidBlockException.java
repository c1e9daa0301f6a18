package io.flowchain.core.ledger;

/** The node has no valid block to record into yet; it will have one once it mines the next. */
public final class NoValidBlockException extends IllegalStateException {
  public NoValidBlockException(String message) {
    super(message);
  }
}
