package io.flowchain.node.message;

import io.flowchain.core.types.NodeId;

/** A member's Flowcoin balance: the approval receipts of its branch. */
public record BalanceIs(long requestId, NodeId node, long coins) implements LedgerMessage {
  public BalanceIs {
    if (node == null) {
      throw new IllegalArgumentException("node id missing");
    }
    if (coins < 0) {
      throw new IllegalArgumentException("a balance is never negative: " + coins);
    }
  }

  @Override
  public Kind kind() {
    return Kind.BALANCE_IS;
  }
}
