package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import java.util.List;

/**
 * Copies of records moved because the ring changed: to a node that joined and now owns their keys,
 * to the successor of a node that leaves, to replica-set members that may lack them, or, after an
 * unclean shutdown, to the owners of the keys of the records whose copies may not have left. The
 * records stay in their recorders' branches; the receiver keeps the copies as replicas and answers
 * with a {@link ReplicaAck}.
 */
public record Transfer(long batchId, Reason reason, List<BlockHeader> headers, List<Record> records)
    implements LedgerMessage {

  /** Why the copies move. */
  public enum Reason {
    /** The receiver joined and now owns the keys. */
    JOIN(1),
    /** The sender is leaving; the receiver, its successor, takes its keys. */
    LEAVE(2),
    /** The receiver is (now) in the replica set of the sender's keys. */
    REPLICA(3),
    /**
     * The sender restarted after an unclean shutdown; these records of its blocks open at the time
     * may never have been copied, and the receiver owns their keys: it keeps them and copies them
     * on to its replica set.
     */
    RECOVERY(4);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Reason ofCode(int code) {
      for (Reason r : values()) {
        if (r.code == code) {
          return r;
        }
      }
      return null;
    }
  }

  public Transfer {
    if (reason == null) {
      throw new IllegalArgumentException("transfer reason missing");
    }
    headers = Limits.list(headers, Limits.MAX_RECORDS, "headers");
    records = Limits.list(records, Limits.MAX_RECORDS, "records");
    RecordBatch.check(headers, records);
  }

  public static Transfer of(long batchId, Reason reason, List<RecordAndBlock> entries) {
    return new Transfer(
        batchId, reason, RecordBatch.headersOf(entries), RecordBatch.recordsOf(entries));
  }

  public List<RecordAndBlock> entries() {
    return RecordBatch.entries(headers, records);
  }

  @Override
  public Kind kind() {
    return Kind.TRANSFER;
  }
}
