package io.flowchain.node.message;

import io.flowchain.core.approval.ApprovalReceipt;
import java.util.List;

/**
 * Approval receipts copied to nodes that hold their records: by a recorder to its replica set, or
 * along with a hand-off of the records. Acknowledged with a {@link ReplicaAck} of {@code batchId}.
 */
public record Receipts(long batchId, List<ApprovalReceipt> receipts) implements LedgerMessage {
  public Receipts {
    receipts = Limits.list(receipts, Limits.MAX_RECORDS, "approval receipts");
  }

  @Override
  public Kind kind() {
    return Kind.RECEIPTS;
  }
}
