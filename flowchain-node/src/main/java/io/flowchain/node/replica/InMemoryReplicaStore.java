package io.flowchain.node.replica;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ReplicaStore} in memory (tests, simulations, embedded nodes); all methods synchronized.
 */
public final class InMemoryReplicaStore implements ReplicaStore {
  private static final Comparator<RecordAndBlock> SERIES_ORDER =
      Comparator.comparingLong((RecordAndBlock e) -> e.record().timestamp())
          .thenComparing(e -> e.record().txId());

  private final Map<TxId, RecordAndBlock> byTxId = new HashMap<>();
  private final Map<TxId, ApprovalReceipt> approvals = new HashMap<>();
  // usually one copy per data key; two when two recorders recorded the same submission
  private final NavigableMap<Key, List<RecordAndBlock>> byKey = new TreeMap<>();
  private final Map<String, NavigableSet<RecordAndBlock>> series = new HashMap<>();
  private boolean closed;

  @Override
  public synchronized CompletableFuture<Void> put(List<RecordAndBlock> entries) {
    checkOpen();
    for (RecordAndBlock e : entries) {
      if (byTxId.putIfAbsent(e.record().txId(), e) == null) {
        byKey.computeIfAbsent(e.record().dataKey(), k -> new ArrayList<>(1)).add(e);
        series.computeIfAbsent(e.record().objectId(), k -> new TreeSet<>(SERIES_ORDER)).add(e);
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized boolean contains(TxId txId) {
    return byTxId.containsKey(txId);
  }

  @Override
  public synchronized Optional<RecordAndBlock> get(TxId txId) {
    return Optional.ofNullable(byTxId.get(txId));
  }

  @Override
  public synchronized Optional<RecordAndBlock> getByKey(Key dataKey) {
    List<RecordAndBlock> copies = byKey.get(dataKey);
    if (copies == null) {
      return Optional.empty();
    }
    RecordAndBlock latest = copies.get(0);
    for (RecordAndBlock e : copies) {
      if (LatestRecording.isLater(e.record(), latest.record())) {
        latest = e;
      }
    }
    return Optional.of(latest);
  }

  @Override
  public synchronized List<RecordAndBlock> keyIntervalPage(Key from, Key to, int limit) {
    List<RecordAndBlock> page = new ArrayList<>();
    if (from.compareTo(to) <= 0) {
      for (List<RecordAndBlock> copies : byKey.subMap(from, true, to, true).values()) {
        if (page.size() >= limit) {
          break;
        }
        page.addAll(copies);
      }
    }
    return page;
  }

  @Override
  public synchronized Page query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("page limit must be at least 1: " + limit);
    }
    NavigableSet<RecordAndBlock> all = series.get(objectId);
    List<RecordAndBlock> out = new ArrayList<>();
    if (all == null || fromMillis >= toMillis) {
      return new Page(out, null);
    }
    for (RecordAndBlock e : all) {
      Record r = e.record();
      if (r.timestamp() < fromMillis
          || (after != null
              && (r.timestamp() < after.timestamp()
                  || (r.timestamp() == after.timestamp()
                      && r.txId().compareTo(after.txId()) <= 0)))) {
        continue;
      }
      if (r.timestamp() >= toMillis) {
        break;
      }
      if (out.size() == limit) {
        Record last = out.get(limit - 1).record();
        return new Page(out, new Cursor(last.timestamp(), last.txId()));
      }
      out.add(e);
    }
    return new Page(out, null);
  }

  @Override
  public synchronized CompletableFuture<Void> putApprovals(List<ApprovalReceipt> receipts) {
    for (ApprovalReceipt r : receipts) {
      approvals.putIfAbsent(r.txId(), r);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized Optional<ApprovalReceipt> approval(TxId txId) {
    return Optional.ofNullable(approvals.get(txId));
  }

  @Override
  public synchronized long size() {
    return byTxId.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("replica store is closed");
    }
  }
}
