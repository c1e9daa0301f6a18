package io.flowchain.node;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Passes everything to another store; tests override what they change. */
class DelegatingStore implements LedgerStore {
  final LedgerStore inner;

  DelegatingStore(LedgerStore inner) {
    this.inner = inner;
  }

  @Override
  public CompletableFuture<Void> putHeader(BlockHeader header) {
    return inner.putHeader(header);
  }

  @Override
  public CompletableFuture<Void> putRecord(Record record) {
    return inner.putRecord(record);
  }

  @Override
  public CompletableFuture<Void> putInvalid(long no, InvalidReason reason) {
    return inner.putInvalid(no, reason);
  }

  @Override
  public CompletableFuture<Void> putMeta(String key, byte[] value) {
    return inner.putMeta(key, value);
  }

  @Override
  public void flush() {
    inner.flush();
  }

  @Override
  public Optional<BlockHeader> header(long no) {
    return inner.header(no);
  }

  @Override
  public long height() {
    return inner.height();
  }

  @Override
  public List<BlockHeader> headers(long fromNo, int limit) {
    return inner.headers(fromNo, limit);
  }

  @Override
  public Optional<InvalidReason> invalidReason(long no) {
    return inner.invalidReason(no);
  }

  @Override
  public List<Record> recordsInBlock(long no) {
    return inner.recordsInBlock(no);
  }

  @Override
  public Optional<Record> record(TxId txId) {
    return inner.record(txId);
  }

  @Override
  public Optional<Record> recordByKey(Key dataKey) {
    return inner.recordByKey(dataKey);
  }

  @Override
  public List<Record> recordsByKey(Key after, int limit) {
    return inner.recordsByKey(after, limit);
  }

  @Override
  public Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    return inner.query(objectId, fromMillis, toMillis, limit, after);
  }

  @Override
  public Optional<byte[]> meta(String key) {
    return inner.meta(key);
  }

  @Override
  public long recordCount() {
    return inner.recordCount();
  }

  @Override
  public CompletableFuture<Void> putApproval(ApprovalReceipt receipt) {
    return inner.putApproval(receipt);
  }

  @Override
  public Optional<ApprovalReceipt> approval(TxId txId) {
    return inner.approval(txId);
  }

  @Override
  public List<ApprovalReceipt> approvals(TxId after, int limit) {
    return inner.approvals(after, limit);
  }

  @Override
  public long approvalCount() {
    return inner.approvalCount();
  }

  @Override
  public void close() {
    inner.close();
  }
}
