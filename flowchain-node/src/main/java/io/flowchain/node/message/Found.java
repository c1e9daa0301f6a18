package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;

/** The answer to a {@link Get}: the record and the header of its block. */
public record Found(long requestId, Record record, BlockHeader block) implements LedgerMessage {
  public Found {
    new RecordAndBlock(record, block); // checks that they belong together
  }

  public RecordAndBlock entry() {
    return new RecordAndBlock(record, block);
  }

  @Override
  public Kind kind() {
    return Kind.FOUND;
  }
}
