package io.flowchain.core.store;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where a node keeps its branch: block headers, the records in each block (in the order they were
 * recorded), the local invalid labels, indexes by txID, by data key and by (object id, timestamp,
 * txID), and a little metadata. The {@code DatabaseAdapter} of the original design.
 *
 * <p>Writes are asynchronous: the returned future completes when the write is durable (for a
 * durable engine: after fsync) and fails if it cannot be made durable. Writes become durable in the
 * order they were submitted, so a header written after a record is never durable before it. Reads
 * see every write whose future has completed, and may see later ones.
 *
 * <p>Implementations are thread-safe. Methods do not block on I/O except {@link #flush()} and
 * {@link #close()}; a read may block briefly on a disk read.
 */
public interface LedgerStore extends AutoCloseable {

  /** Stores a block header (blocks are written in order of their number). */
  CompletableFuture<Void> putHeader(BlockHeader header);

  /** Stores a record; it belongs to block {@code record.blockNo()} and goes after its records. */
  CompletableFuture<Void> putRecord(Record record);

  /** Labels block {@code no} invalid; invalid is permanent, so a second label is ignored. */
  CompletableFuture<Void> putInvalid(long no, InvalidReason reason);

  /** Sets a metadata value. */
  CompletableFuture<Void> putMeta(String key, byte[] value);

  /**
   * Stores the approval receipt of a record of this branch: one Flowcoin earned by this node. A
   * receipt for a txID that has one already is ignored (the first one stays). The caller has
   * checked the receipt; the store does not.
   */
  CompletableFuture<Void> putApproval(ApprovalReceipt receipt);

  /** Waits until every write submitted so far is durable. */
  void flush();

  /** The header of block {@code no}. */
  Optional<BlockHeader> header(long no);

  /** Number of the highest stored block, or -1 if none. */
  long height();

  /** Up to {@code limit} headers from block {@code fromNo} upwards. */
  List<BlockHeader> headers(long fromNo, int limit);

  /** The invalid label of block {@code no}, if it has one. */
  Optional<InvalidReason> invalidReason(long no);

  /** The records of block {@code no} in the order they were recorded. */
  List<Record> recordsInBlock(long no);

  Optional<Record> record(TxId txId);

  Optional<Record> recordByKey(Key dataKey);

  /**
   * Up to {@code limit} records in ascending order of data key, starting after {@code after} (null
   * for the smallest key). A branch records a data key at most once, so the order is total; the
   * node uses it to find the records whose keys fall in a ring range (hand-off on join and leave).
   *
   * <p>The default reads every block; engines with a data-key index override it with an index scan.
   */
  default List<Record> recordsByKey(Key after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    java.util.TreeMap<Key, Record> out = new java.util.TreeMap<>();
    for (long no = 1; no <= height(); no++) {
      for (Record r : recordsInBlock(no)) {
        if (after == null || r.dataKey().compareTo(after) > 0) {
          out.put(r.dataKey(), r);
          if (out.size() > limit) {
            out.pollLastEntry();
          }
        }
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * One page of an object's time series: records with {@code fromMillis <= timestamp < toMillis},
   * ordered by (timestamp, txID), starting after {@code after} (null for the first page).
   */
  Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after);

  Optional<byte[]> meta(String key);

  /** The approval receipt of the record {@code txId}, if it has one. */
  Optional<ApprovalReceipt> approval(TxId txId);

  /**
   * Up to {@code limit} approval receipts in ascending txID order, after {@code after} (null for
   * the first).
   */
  List<ApprovalReceipt> approvals(TxId after, int limit);

  /** Number of approval receipts stored: the Flowcoins this branch's node earned. */
  long approvalCount();

  /** Total number of records stored. */
  long recordCount();

  /** Flushes and releases the store. */
  @Override
  void close();

  /** A position in an object's time series: the last (timestamp, txID) of a page. */
  record Cursor(long timestamp, TxId txId) {}

  /** A page of records and the cursor of the next page (null when this is the last). */
  record Page(List<Record> records, Cursor next) {}
}
