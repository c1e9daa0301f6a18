package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import java.util.List;

/**
 * Records a recorder has just made durable, with the headers of their blocks, sent to its replica
 * set (its next r - 1 successors). Each receiver checks every record against its header, keeps the
 * good ones as replicas, and answers with a {@link ReplicaAck}.
 */
public record Replicate(long batchId, List<BlockHeader> headers, List<Record> records)
    implements LedgerMessage {
  public Replicate {
    headers = Limits.list(headers, Limits.MAX_RECORDS, "headers");
    records = Limits.list(records, Limits.MAX_RECORDS, "records");
    RecordBatch.check(headers, records);
  }

  /** A batch of {@code entries}, each header sent once. */
  public static Replicate of(long batchId, List<RecordAndBlock> entries) {
    return new Replicate(batchId, RecordBatch.headersOf(entries), RecordBatch.recordsOf(entries));
  }

  /** Each record with its block's header. */
  public List<RecordAndBlock> entries() {
    return RecordBatch.entries(headers, records);
  }

  @Override
  public Kind kind() {
    return Kind.REPLICATE;
  }
}
