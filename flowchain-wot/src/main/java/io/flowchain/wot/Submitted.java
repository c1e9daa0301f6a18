package io.flowchain.wot;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;

/**
 * A reading the ledger acknowledged: the record as its recorder wrote it and the receipt's other
 * parts (the header of the block it went into, signed by the recorder, and how many durable copies
 * the recorder knew of).
 */
public record Submitted(Record record, BlockHeader block, int copies) {
  public Submitted {
    if (record == null || block == null) {
      throw new IllegalArgumentException("record and block are required");
    }
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1: " + copies);
    }
  }
}
