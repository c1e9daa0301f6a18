package io.flowchain.node.message;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.dht.Peer;

/**
 * The recorder asks one of its replicas to confirm an approval: the replica checks the approval and
 * the record (against its header and its own copy) and answers {@link Confirmed} or a {@link
 * Failure}.
 */
public record Confirm(
    long requestId, Peer origin, Approval approval, Record record, BlockHeader block)
    implements LedgerMessage {
  public Confirm {
    Limits.peer(origin, "origin");
    if (approval == null) {
      throw new IllegalArgumentException("approval missing");
    }
    new RecordAndBlock(record, block); // checks that they belong together
  }

  @Override
  public Kind kind() {
    return Kind.CONFIRM;
  }
}
