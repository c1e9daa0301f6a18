package io.flowchain.wot;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;

/** What a node tells the Web of Things layer about (see {@link ThingNode#subscribe}). */
public interface ThingEvents {
  /** The node mined block {@code header} of its branch. */
  default void blockMined(BlockHeader header) {}

  /** The node recorded {@code record} in its branch (as the successor of its key); durable. */
  default void recordRecorded(Record record) {}

  /**
   * A record of the node's branch became verified: an endpoint approved it, a majority of its
   * replica set confirmed, and the node stored {@code receipt} (its Flowcoin); durable.
   */
  default void recordVerified(ApprovalReceipt receipt) {}
}
