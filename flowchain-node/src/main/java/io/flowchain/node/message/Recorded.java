package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;

/**
 * A record just recorded, forwarded (not yet verified) by its recorder to a subscriber of its
 * object, with the header of its block so the subscriber can check it.
 */
public record Recorded(Record record, BlockHeader block) implements LedgerMessage {
  public Recorded {
    new RecordAndBlock(record, block); // checks that they belong together
  }

  public RecordAndBlock entry() {
    return new RecordAndBlock(record, block);
  }

  @Override
  public Kind kind() {
    return Kind.RECORDED;
  }
}
