package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import java.util.Optional;

/**
 * A record with the header of the block it was recorded in: everything needed to check it without
 * asking its recorder ({@link RecordCheck}).
 */
public record RecordAndBlock(Record record, BlockHeader block) {
  public RecordAndBlock {
    if (record == null || block == null) {
      throw new IllegalArgumentException("record or block header missing");
    }
    if (block.no() != record.blockNo() || !block.minerId().equals(record.recorder())) {
      throw new IllegalArgumentException(
          "header of block " + block.no() + " given for a record of block " + record.blockNo());
    }
  }

  /** The first reason the record does not check out against the header, if any. */
  public Optional<String> problem() {
    return RecordCheck.problem(record, block);
  }

  /** {@link #problem()}, each signature verified at most once through {@code seen}. */
  public Optional<String> problem(VerifiedSignatures seen) {
    return RecordCheck.problem(record, block, seen);
  }
}
