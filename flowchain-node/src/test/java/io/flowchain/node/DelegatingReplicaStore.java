package io.flowchain.node;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.ReplicaStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Passes everything to another replica store; tests override what they change. */
class DelegatingReplicaStore implements ReplicaStore {
  final ReplicaStore inner;

  DelegatingReplicaStore(ReplicaStore inner) {
    this.inner = inner;
  }

  @Override
  public CompletableFuture<Void> put(List<RecordAndBlock> entries) {
    return inner.put(entries);
  }

  @Override
  public boolean contains(TxId txId) {
    return inner.contains(txId);
  }

  @Override
  public Optional<RecordAndBlock> get(TxId txId) {
    return inner.get(txId);
  }

  @Override
  public Optional<RecordAndBlock> getByKey(Key dataKey) {
    return inner.getByKey(dataKey);
  }

  @Override
  public List<RecordAndBlock> keyIntervalPage(Key from, Key to, int limit) {
    return inner.keyIntervalPage(from, to, limit);
  }

  @Override
  public Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    return inner.query(objectId, fromMillis, toMillis, limit, after);
  }

  @Override
  public CompletableFuture<Void> putApprovals(List<ApprovalReceipt> receipts) {
    return inner.putApprovals(receipts);
  }

  @Override
  public Optional<ApprovalReceipt> approval(TxId txId) {
    return inner.approval(txId);
  }

  @Override
  public long size() {
    return inner.size();
  }

  @Override
  public void close() {
    inner.close();
  }
}
