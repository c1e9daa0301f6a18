package io.flowchain.wot;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;

/** What a node tells the Web of Things layer about (see {@link ThingNode#subscribe}). */
public interface ThingEvents {
  /** The node mined block {@code header} of its branch. */
  default void blockMined(BlockHeader header) {}

  /** The node recorded {@code record} in its branch (as the successor of its key); durable. */
  default void recordRecorded(Record record) {}
}
