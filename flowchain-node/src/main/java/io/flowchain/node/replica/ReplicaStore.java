package io.flowchain.node.replica;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where a node keeps copies of records that other nodes recorded (replicas, and copies handed to it
 * when it joined or a neighbour left), each with the header of its block, so that it can serve and
 * prove them when their recorder is gone. Indexed by txID, by data key and by (object id,
 * timestamp, txID), like a branch; unlike a branch it holds records of many recorders and has no
 * blocks of its own.
 *
 * <p>Implementations are thread-safe. {@link #put} does not block on I/O; its future completes when
 * the copies are durable. Reads see every put whose future has completed.
 */
public interface ReplicaStore extends AutoCloseable {

  /**
   * Stores {@code entries}; records already held (same txID) are left as they are. The caller has
   * checked every entry ({@link RecordAndBlock#problem()}).
   */
  CompletableFuture<Void> put(List<RecordAndBlock> entries);

  boolean contains(TxId txId);

  Optional<RecordAndBlock> get(TxId txId);

  /**
   * The copy with data key {@code dataKey}; if copies of two recordings of the same submission are
   * held (two recorders), the {@linkplain LatestRecording latest}.
   */
  Optional<RecordAndBlock> getByKey(Key dataKey);

  /**
   * The first copies whose data key lies in {@code [from, to]} (a closed, plain interval: nothing
   * if {@code from > to}, no wrap), in data-key order: at least {@code limit} of them if there are
   * so many, and more only to finish the copies of the last data key, so that the next page can
   * start at the key after it. A page shorter than {@code limit} is the last.
   */
  List<RecordAndBlock> keyIntervalPage(Key from, Key to, int limit);

  /**
   * Passes every copy whose data key lies in {@code [from, to]} (a closed, plain interval: nothing
   * if {@code from > to}, no wrap) to {@code action}, in data-key order, a page at a time.
   */
  default void forEachInKeyInterval(Key from, Key to, Consumer<RecordAndBlock> action) {
    final int pageSize = 256;
    Key next = from;
    while (next != null) {
      List<RecordAndBlock> page = keyIntervalPage(next, to, pageSize);
      page.forEach(action);
      if (page.size() < pageSize) {
        return;
      }
      next = page.get(page.size() - 1).record().dataKey().next().orElse(null);
    }
  }

  /**
   * One page of an object's time series among the copies: {@code fromMillis <= timestamp <
   * toMillis}, in (timestamp, txID) order, after {@code after} (null for the first page).
   */
  Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after);

  /**
   * Stores copies of approval receipts (the recorder replicates them with its records); a receipt
   * for a txID that has one already is ignored. The caller has checked every receipt against the
   * copy of its record. The future completes when they are durable.
   */
  CompletableFuture<Void> putApprovals(List<ApprovalReceipt> receipts);

  /** The copy of the approval receipt of record {@code txId}, if one is held. */
  Optional<ApprovalReceipt> approval(TxId txId);

  /** Number of copies held. */
  long size();

  @Override
  void close();

  /** A page of copies and the cursor of the next page (null when this is the last). */
  record Page(List<RecordAndBlock> entries, Cursor next) {}
}
