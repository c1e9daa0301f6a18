package io.flowchain.node.message;

import io.flowchain.core.approval.ApprovalReceipt;
import java.util.List;

/** Approval receipts a recorder made, copied to its replica set (which holds their records). */
public record Receipts(List<ApprovalReceipt> receipts) implements LedgerMessage {
  public Receipts {
    receipts = Limits.list(receipts, Limits.MAX_RECORDS, "approval receipts");
  }

  @Override
  public Kind kind() {
    return Kind.RECEIPTS;
  }
}
