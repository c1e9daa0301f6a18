package io.flowchain.node.message;

import io.flowchain.core.approval.ApprovalReceipt;

/** The recorder's answer to an {@link Approve}: the record is verified; here is its receipt. */
public record Approved(long requestId, ApprovalReceipt receipt) implements LedgerMessage {
  public Approved {
    if (receipt == null) {
      throw new IllegalArgumentException("approval receipt missing");
    }
  }

  @Override
  public Kind kind() {
    return Kind.APPROVED;
  }
}
