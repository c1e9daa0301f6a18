package io.flowchain.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Difficulty;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the ledger does for durable stores: idempotency in flight, refused writes, guards. */
class StoreSupportTest {

  /** A store whose record writes complete only when the test says so. */
  static final class SlowStore extends ForwardingStore {
    final List<CompletableFuture<Void>> pending = new java.util.ArrayList<>();
    boolean refuse;

    SlowStore() {
      super(new InMemoryStore());
    }

    @Override
    public synchronized CompletableFuture<Void> putRecord(Record record) {
      if (refuse) {
        throw new IllegalStateException("queue full");
      }
      inner.putRecord(record);
      CompletableFuture<Void> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    synchronized void completeAll() {
      pending.forEach(f -> f.complete(null));
      pending.clear();
    }
  }

  @Test
  void theSameSubmissionInFlightIsRecordedOnceAndSharesTheFuture() {
    SlowStore store = new SlowStore();
    Fixture f = new Fixture(1, ValidBlockPolicy.mru(), store);
    f.miner.tick();
    Submission s = f.reading("s1", 1);
    CompletableFuture<Record> first = f.ledger.record(s);
    CompletableFuture<Record> again = f.ledger.record(s);
    assertThat(again).isSameAs(first).isNotDone();
    assertThat(store.recordCount()).isEqualTo(1);
    store.completeAll();
    Record r = first.join();
    // once durable, a resubmission finds it in the store
    assertThat(f.ledger.record(s).join()).isEqualTo(r);
    assertThat(store.recordCount()).isEqualTo(1);
    assertThat(f.ledger.openBlocks().get(0).records()).isEqualTo(1);
  }

  @Test
  void aRecordTheStoreRefusesDoesNotEnterTheBlocksSeal() {
    SlowStore store = new SlowStore();
    Fixture f = new Fixture(2, ValidBlockPolicy.mru(), store);
    f.miner.tick();
    CompletableFuture<Record> ok = f.ledger.record(f.reading("s1", 1));
    store.refuse = true;
    Submission refused = f.reading("s1", 2);
    assertThatThrownBy(() -> f.ledger.record(refused)).hasMessageContaining("queue full");
    store.refuse = false;
    store.completeAll();
    ok.join();
    assertThat(f.ledger.openBlocks().get(0).records()).isEqualTo(1);
    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.seal().recordCount()).isEqualTo(1);
    // and the refused submission can be submitted again
    assertThat(f.ledger.record(refused)).isNotNull();
  }

  @Test
  void theResourceGuardClosesTheOpenBlockOnANearlyFullDiskOrHeap() {
    Fixture f = new Fixture(3, ValidBlockPolicy.mru());
    AtomicLong disk = new AtomicLong(10L << 30);
    AtomicReference<Double> heap = new AtomicReference<>(0.5);
    ResourceGuard guard = new ResourceGuard(f.ledger, disk::get, 1L << 30, heap::get, 0.05);
    f.miner.tick();
    f.record("s1", 3);
    assertThat(guard.check()).isEmpty();
    assertThat(f.ledger.validBlock()).hasValue(1);

    disk.set(100L << 20);
    assertThat(guard.check()).hasValue(InvalidReason.DISK_FULL);
    assertThat(f.ledger.validBlock()).isEmpty();
    assertThat(f.store.invalidReason(1)).hasValue(InvalidReason.DISK_FULL);
    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.seal().reason()).isEqualTo(InvalidReason.DISK_FULL);
    assertThat(b2.seal().recordCount()).isEqualTo(3);
    // still full: the new block is closed too
    guard.check();
    assertThat(f.store.invalidReason(2)).hasValue(InvalidReason.DISK_FULL);

    disk.set(10L << 30);
    heap.set(0.01);
    f.miner.tick();
    assertThat(guard.check()).hasValue(InvalidReason.OUT_OF_MEMORY);
    assertThat(f.store.invalidReason(3)).hasValue(InvalidReason.OUT_OF_MEMORY);
    heap.set(Double.NaN); // unknown is not a condition
    f.miner.tick();
    assertThat(guard.check()).isEmpty();
    assertThat(f.ledger.validBlock()).hasValue(4);
    assertThatThrownBy(() -> new ResourceGuard(f.ledger, disk::get, 0, heap::get, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultKeyOrderScanAgreesWithTheIndexedOne() {
    InMemoryStore inner = new InMemoryStore();
    LedgerStore plain = new ForwardingStore(inner) {};
    Fixture f = new Fixture(21, ValidBlockPolicy.mru(), plain);
    f.miner.tick();
    for (int i = 0; i < 30; i++) {
      f.ledger.record(f.reading("s" + (i % 3), i)).join();
      if (i % 7 == 6) {
        f.miner.tick();
      }
    }
    io.flowchain.core.types.Key after = null;
    for (int page = 0; page < 6; page++) {
      List<Record> scanned = plain.recordsByKey(after, 7);
      assertThat(scanned).isEqualTo(inner.recordsByKey(after, 7));
      if (scanned.isEmpty()) {
        break;
      }
      after = scanned.get(scanned.size() - 1).dataKey();
    }
    assertThat(plain.recordsByKey(null, 100)).hasSize(30);
  }

  @Test
  void networkParamsRoundTripThroughTheirCanonicalBytes() {
    NetworkParams p =
        new NetworkParams(
            "net-1",
            123_456L,
            List.of(Difficulty.leadingZeroBits(12), Difficulty.leadingZeroBits(4)),
            List.of(NodeKeyPair.generate(new SplittableRandom(5)).publicKey()));
    assertThat(NetworkParams.parse(p.canonicalBytes())).isEqualTo(p);
    byte[] bytes = p.canonicalBytes();
    assertThatThrownBy(() -> NetworkParams.parse(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    bytes[0] ^= 1;
    assertThatThrownBy(() -> NetworkParams.parse(bytes))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Passes everything to another store. */
  abstract static class ForwardingStore implements LedgerStore {
    final LedgerStore inner;

    ForwardingStore(LedgerStore inner) {
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
    public java.util.Optional<BlockHeader> header(long no) {
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
    public java.util.Optional<InvalidReason> invalidReason(long no) {
      return inner.invalidReason(no);
    }

    @Override
    public List<Record> recordsInBlock(long no) {
      return inner.recordsInBlock(no);
    }

    @Override
    public java.util.Optional<Record> record(io.flowchain.core.types.TxId txId) {
      return inner.record(txId);
    }

    @Override
    public java.util.Optional<Record> recordByKey(io.flowchain.core.types.Key dataKey) {
      return inner.recordByKey(dataKey);
    }

    @Override
    public Page query(String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
      return inner.query(objectId, fromMillis, toMillis, limit, after);
    }

    @Override
    public java.util.Optional<byte[]> meta(String key) {
      return inner.meta(key);
    }

    @Override
    public long recordCount() {
      return inner.recordCount();
    }

    @Override
    public CompletableFuture<Void> putApproval(io.flowchain.core.approval.ApprovalReceipt receipt) {
      return inner.putApproval(receipt);
    }

    @Override
    public java.util.Optional<io.flowchain.core.approval.ApprovalReceipt> approval(
        io.flowchain.core.types.TxId txId) {
      return inner.approval(txId);
    }

    @Override
    public List<io.flowchain.core.approval.ApprovalReceipt> approvals(
        io.flowchain.core.types.TxId after, int limit) {
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
}
