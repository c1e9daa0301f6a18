package io.flowchain.core.ledger;

/**
 * Told about what happens to a branch. Called on the thread that caused the event, while the
 * ledger's lock may be held: implementations must be quick and must not call back into the ledger.
 */
public interface LedgerListener {
  /** A block was mined and appended (its header carries the seal of an earlier block). */
  default void onBlockMined(BlockHeader header) {}

  /** A record was accepted into a block (not necessarily durable yet). */
  default void onRecorded(Record record) {}

  /** Block {@code no} was labelled invalid. */
  default void onInvalidated(long no, InvalidReason reason) {}
}
