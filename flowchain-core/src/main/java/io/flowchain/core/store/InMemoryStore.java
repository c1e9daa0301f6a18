package io.flowchain.core.store;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link LedgerStore} in memory, for tests and embedded use. Writes are durable (as far as memory
 * goes) when they return; all methods are synchronized.
 */
public final class InMemoryStore implements LedgerStore {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
  private static final Comparator<Record> SERIES_ORDER =
      Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId);

  private final List<BlockHeader> headers = new ArrayList<>();
  private final Map<Long, List<Record>> blockRecords = new HashMap<>();
  private final Map<Long, InvalidReason> invalid = new HashMap<>();
  private final Map<TxId, Record> byTxId = new HashMap<>();
  private final java.util.NavigableMap<Key, Record> byKey = new java.util.TreeMap<>();
  private final Map<String, NavigableSet<Record>> series = new HashMap<>();
  private final Map<String, byte[]> meta = new HashMap<>();
  private final java.util.NavigableMap<TxId, ApprovalReceipt> approvals = new java.util.TreeMap<>();
  private boolean closed;

  @Override
  public synchronized CompletableFuture<Void> putHeader(BlockHeader header) {
    checkOpen();
    if (header.no() != headers.size()) {
      throw new IllegalStateException(
          "headers must be stored in order: expected block "
              + headers.size()
              + ", got "
              + header.no());
    }
    headers.add(header);
    return DONE;
  }

  @Override
  public synchronized CompletableFuture<Void> putRecord(Record record) {
    checkOpen();
    if (byTxId.containsKey(record.txId())) {
      throw new IllegalStateException("record " + record.txId() + " is already stored");
    }
    blockRecords.computeIfAbsent(record.blockNo(), k -> new ArrayList<>()).add(record);
    byTxId.put(record.txId(), record);
    byKey.put(record.dataKey(), record);
    series.computeIfAbsent(record.objectId(), k -> new TreeSet<>(SERIES_ORDER)).add(record);
    return DONE;
  }

  @Override
  public synchronized CompletableFuture<Void> putInvalid(long no, InvalidReason reason) {
    checkOpen();
    invalid.putIfAbsent(no, reason);
    return DONE;
  }

  @Override
  public synchronized CompletableFuture<Void> putMeta(String key, byte[] value) {
    checkOpen();
    meta.put(key, value.clone());
    return DONE;
  }

  @Override
  public synchronized CompletableFuture<Void> putApproval(ApprovalReceipt receipt) {
    checkOpen();
    approvals.putIfAbsent(receipt.txId(), receipt);
    return DONE;
  }

  @Override
  public synchronized Optional<ApprovalReceipt> approval(TxId txId) {
    return Optional.ofNullable(approvals.get(txId));
  }

  @Override
  public synchronized List<ApprovalReceipt> approvals(TxId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<ApprovalReceipt> out = new ArrayList<>();
    for (ApprovalReceipt r :
        (after == null ? approvals : approvals.tailMap(after, false)).values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public synchronized long approvalCount() {
    return approvals.size();
  }

  @Override
  public void flush() {}

  @Override
  public synchronized Optional<BlockHeader> header(long no) {
    return no >= 0 && no < headers.size() ? Optional.of(headers.get((int) no)) : Optional.empty();
  }

  @Override
  public synchronized long height() {
    return headers.size() - 1;
  }

  @Override
  public synchronized List<BlockHeader> headers(long fromNo, int limit) {
    int from = (int) Math.max(0, Math.min(fromNo, headers.size()));
    int to = (int) Math.min(headers.size(), (long) from + limit);
    return List.copyOf(headers.subList(from, to));
  }

  @Override
  public synchronized Optional<InvalidReason> invalidReason(long no) {
    return Optional.ofNullable(invalid.get(no));
  }

  @Override
  public synchronized List<Record> recordsInBlock(long no) {
    return List.copyOf(blockRecords.getOrDefault(no, List.of()));
  }

  @Override
  public synchronized Optional<Record> record(TxId txId) {
    return Optional.ofNullable(byTxId.get(txId));
  }

  @Override
  public synchronized Optional<Record> recordByKey(Key dataKey) {
    return Optional.ofNullable(byKey.get(dataKey));
  }

  @Override
  public synchronized List<Record> recordsByKey(Key after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    List<Record> out = new ArrayList<>();
    for (Record r : (after == null ? byKey : byKey.tailMap(after, false)).values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  @Override
  public synchronized Page query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    if (limit < 1) {
      throw new IllegalArgumentException("page limit must be at least 1: " + limit);
    }
    NavigableSet<Record> all = series.get(objectId);
    if (all == null || fromMillis >= toMillis) {
      return new Page(List.of(), null);
    }
    List<Record> out = new ArrayList<>();
    for (Record r : all) {
      if (r.timestamp() < fromMillis) {
        continue;
      }
      if (r.timestamp() >= toMillis) {
        break;
      }
      if (after != null
          && (r.timestamp() < after.timestamp()
              || (r.timestamp() == after.timestamp() && r.txId().compareTo(after.txId()) <= 0))) {
        continue;
      }
      if (out.size() == limit) {
        Record last = out.get(out.size() - 1);
        return new Page(out, new Cursor(last.timestamp(), last.txId()));
      }
      out.add(r);
    }
    return new Page(out, null);
  }

  @Override
  public synchronized Optional<byte[]> meta(String key) {
    byte[] v = meta.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Override
  public synchronized long recordCount() {
    return byTxId.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }
}
