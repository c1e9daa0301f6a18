package io.flowchain.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.approval.ApprovalKit;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.store.LedgerStore.Page;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} engine must do, written once and run per engine: subclasses say
 * how to make a store and, for durable engines, how to reopen one (as after a restart).
 */
public abstract class LedgerStoreContract {
  private final List<LedgerStore> opened = new ArrayList<>();

  /** A new, empty store. */
  protected abstract LedgerStore createStore();

  /**
   * Closes {@code store} if {@code clean} (else drops it as a crash would, after its writes were
   * flushed) and opens the same data again. Engines that keep nothing across a restart return
   * {@code null}, and the restart tests do not apply to them.
   */
  protected abstract LedgerStore reopen(LedgerStore store, boolean clean);

  protected final LedgerStore newStore() {
    LedgerStore s = createStore();
    opened.add(s);
    return s;
  }

  private LedgerStore reopenTracked(LedgerStore store, boolean clean) {
    LedgerStore s = reopen(store, clean);
    if (s != null) {
      opened.add(s);
    }
    return s;
  }

  @AfterEach
  void closeStores() {
    for (LedgerStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException alreadyClosed) {
        // closing twice is allowed to complain
      }
    }
  }

  /** A one-node branch over a new store, with one mined block. */
  private Fixture fixture(long seed) {
    Fixture f = new Fixture(seed, ValidBlockPolicy.mru(), newStore());
    f.miner.tick();
    return f;
  }

  @Test
  void anEmptyStoreHasNoBlocksAndNoRecords() {
    LedgerStore s = newStore();
    assertThat(s.height()).isEqualTo(-1);
    assertThat(s.header(0)).isEmpty();
    assertThat(s.headers(0, 10)).isEmpty();
    assertThat(s.recordCount()).isZero();
    assertThat(s.recordsInBlock(1)).isEmpty();
    assertThat(s.meta("x")).isEmpty();
    assertThat(s.query("s1", 0, Long.MAX_VALUE, 10, null).records()).isEmpty();
  }

  @Test
  void headersAreStoredInOrderAndReadBack() {
    Fixture f = fixture(1);
    f.miner.tick();
    f.miner.tick();
    LedgerStore s = f.store;
    s.flush();
    assertThat(s.height()).isEqualTo(3);
    List<BlockHeader> all = s.headers(0, 100);
    assertThat(all).extracting(BlockHeader::no).containsExactly(0L, 1L, 2L, 3L);
    assertThat(s.headers(1, 2)).extracting(BlockHeader::no).containsExactly(1L, 2L);
    assertThat(s.headers(3, 5)).extracting(BlockHeader::no).containsExactly(3L);
    assertThat(s.headers(4, 5)).isEmpty();
    assertThat(s.header(2)).hasValue(all.get(2));
    assertThat(s.header(2).orElseThrow().toBytes()).isEqualTo(all.get(2).toBytes());
    assertThat(s.header(4)).isEmpty();
  }

  @Test
  void aHeaderOutOfOrderIsRefused() {
    Fixture f = fixture(2);
    f.store.flush();
    BlockHeader b1 = f.store.header(1).orElseThrow();
    assertThatThrownBy(() -> f.store.putHeader(b1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void recordsOfABlockComeBackInTheOrderTheyWereRecorded() {
    Fixture f = fixture(3);
    List<Record> recorded = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      recorded.add(f.ledger.record(f.reading("s" + (i % 3), i)).join());
      f.scheduler.advance(1);
    }
    f.miner.tick();
    recorded.add(f.ledger.record(f.reading("s0", 99)).join());
    assertThat(f.store.recordsInBlock(1)).containsExactlyElementsOf(recorded.subList(0, 50));
    assertThat(f.store.recordsInBlock(2)).containsExactly(recorded.get(50));
    assertThat(f.store.recordCount()).isEqualTo(51);
    for (Record r : recorded) {
      assertThat(f.store.record(r.txId())).hasValue(r);
      assertThat(f.store.recordByKey(r.dataKey())).hasValue(r);
    }
    assertThat(f.store.record(new TxId(Hash.ZERO))).isEmpty();
    assertThat(f.store.recordByKey(Key.of(new byte[20]))).isEmpty();
  }

  @Test
  void recordsComeBackInDataKeyOrderPageByPage() {
    Fixture f = fixture(13);
    List<Record> recorded = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      recorded.add(f.ledger.record(f.reading("s" + (i % 4), i)).join());
      if (i % 10 == 9) {
        f.miner.tick(); // spread over several blocks
      }
    }
    f.store.flush();
    List<Record> byKey = recorded.stream().sorted(Comparator.comparing(Record::dataKey)).toList();
    List<Record> seen = new ArrayList<>();
    Key after = null;
    while (true) {
      List<Record> page = f.store.recordsByKey(after, 8);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page).hasSizeLessThanOrEqualTo(8);
      seen.addAll(page);
      after = page.get(page.size() - 1).dataKey();
    }
    assertThat(seen).containsExactlyElementsOf(byKey);
    Key middle = byKey.get(20).dataKey();
    assertThat(f.store.recordsByKey(middle, 3)).containsExactlyElementsOf(byKey.subList(21, 24));
    assertThat(f.store.recordsByKey(byKey.get(36).dataKey(), 3)).isEmpty();
    assertThatThrownBy(() -> f.store.recordsByKey(null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStoredRecordIsExactlyTheCanonicalBytesThatWereSigned() {
    Fixture f = fixture(4);
    Record r = f.ledger.record(f.reading("s1", 1)).join();
    Record back = f.store.record(r.txId()).orElseThrow();
    assertThat(back.toBytes()).isEqualTo(r.toBytes());
    assertThat(back.signatureValidFor(f.keys.publicKey())).isTrue();
  }

  @Test
  void queryReturnsAnObjectsSeriesInTimeOrderWithinTheRange() {
    Fixture f = fixture(5);
    List<Record> s1 = new ArrayList<>();
    // timestamps out of recording order, some equal
    long[] times = {50, 10, 30, 30, 20, 40, 10, 60};
    for (long t : times) {
      s1.add(record(f, "s1", Fixture.START + t));
      record(f, "s10", Fixture.START + t); // an id that extends "s1" must not leak into it
      record(f, "s", Fixture.START + t); // nor one it extends
    }
    Page page = f.store.query("s1", Fixture.START + 10, Fixture.START + 50, 100, null);
    List<Record> expected =
        s1.stream()
            .filter(r -> r.timestamp() >= Fixture.START + 10 && r.timestamp() < Fixture.START + 50)
            .sorted(Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId))
            .toList();
    assertThat(page.records()).containsExactlyElementsOf(expected);
    assertThat(page.records()).hasSize(6);
    assertThat(page.next()).isNull();
    assertThat(f.store.query("s1", 0, Long.MAX_VALUE, 100, null).records()).hasSize(8);
    assertThat(f.store.query("s10", 0, Long.MAX_VALUE, 100, null).records())
        .hasSize(8)
        .allMatch(r -> r.objectId().equals("s10"));
    assertThat(f.store.query("s1", Fixture.START + 70, Fixture.START + 90, 10, null).records())
        .isEmpty();
    assertThat(f.store.query("s1", Fixture.START + 30, Fixture.START + 30, 10, null).records())
        .isEmpty();
    assertThat(f.store.query("nobody", 0, Long.MAX_VALUE, 10, null).records()).isEmpty();
  }

  @Test
  void pagesCoverTheSeriesExactlyOnce() {
    Fixture f = fixture(6);
    for (int i = 0; i < 23; i++) {
      record(f, "dev-1", Fixture.START + (i % 7)); // many equal timestamps across pages
    }
    List<Record> seen = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    do {
      Page p = f.store.query("dev-1", 0, Long.MAX_VALUE, 5, cursor);
      assertThat(p.records()).hasSizeLessThanOrEqualTo(5);
      seen.addAll(p.records());
      cursor = p.next();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(23).doesNotHaveDuplicates();
    assertThat(seen)
        .isSortedAccordingTo(
            Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId));
    assertThatThrownBy(() -> f.store.query("dev-1", 0, 10, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlockKeepsItsFirstInvalidLabel() {
    LedgerStore s = newStore();
    s.putInvalid(3, InvalidReason.OPERATOR);
    s.putInvalid(3, InvalidReason.DISK_FULL).join();
    assertThat(s.invalidReason(3)).hasValue(InvalidReason.OPERATOR);
    assertThat(s.invalidReason(4)).isEmpty();
  }

  @Test
  void metadataIsSetAndOverwritten() {
    LedgerStore s = newStore();
    byte[] v = "one".getBytes(StandardCharsets.UTF_8);
    s.putMeta("k", v);
    v[0] = 'X'; // the store keeps its own copy
    s.putMeta("other", new byte[] {1}).join();
    assertThat(s.meta("k")).hasValueSatisfying(b -> assertThat(b).isEqualTo("one".getBytes()));
    s.putMeta("k", new byte[] {7}).join();
    assertThat(s.meta("k")).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
  }

  @Test
  void writeFuturesCompleteInSubmissionOrder() {
    Fixture f = fixture(7);
    // waits for the callbacks themselves: a future's dependents may still be running when the
    // futures they depend on are all complete
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    List<Integer> completed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      CompletableFuture<Record> fut = f.ledger.record(f.reading("s1", i));
      futures.add(
          fut.thenRun(
              () -> {
                synchronized (completed) {
                  completed.add(n);
                }
              }));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    synchronized (completed) {
      assertThat(completed).isSorted().hasSize(200);
    }
  }

  @Test
  void aBranchOverTheStoreVerifies() {
    Fixture f = fixture(8);
    for (int b = 0; b < 5; b++) {
      f.record("s" + b, 20);
      f.miner.tick();
    }
    f.store.flush();
    VerificationReport report = new BranchVerifier(f.params).verify(BranchSource.of(f.store));
    assertThat(report.fault()).isNull();
    assertThat(report.records()).isEqualTo(100);
    assertThat(report.sealedRecords()).isEqualTo(100);
  }

  @Test
  void approvalReceiptsAreStoredOncePerRecordPagedInTxIdOrderAndVerifiedWithTheBranch() {
    ApprovalKit unbound = new ApprovalKit(12);
    NetworkParams params = Fixture.params(List.of(unbound.admin.publicKey()));
    ApprovalKit kit = unbound.certifiedFor(params);
    Fixture f = new Fixture(12, ValidBlockPolicy.mru(), newStore(), params);
    f.miner.tick();
    f.record("s1", 9);
    NodeKeyPair replica = NodeKeyPair.generate(new java.util.SplittableRandom(5));
    List<Record> recs = f.store.recordsInBlock(1);
    long now = f.scheduler.nowMillis();
    List<ApprovalReceipt> receipts = new ArrayList<>();
    for (Record r : recs.subList(0, 7)) {
      receipts.add(kit.receipt(r, now, f.keys, List.of(replica)));
    }
    receipts.forEach(f.store::putApproval);
    // a second receipt for an approved record is ignored, in the same batch or later
    f.store.putApproval(kit.receipt(recs.get(0), now + 1, f.keys, List.of(replica)));
    f.store.flush();
    f.store.putApproval(kit.receipt(recs.get(1), now + 2, f.keys, List.of(replica))).join();
    assertThat(f.store.approvalCount()).isEqualTo(7);
    assertThat(f.store.approval(recs.get(0).txId())).hasValue(receipts.get(0));
    assertThat(f.store.approval(recs.get(1).txId())).hasValue(receipts.get(1));
    assertThat(f.store.approval(recs.get(8).txId())).isEmpty();
    List<ApprovalReceipt> paged = new ArrayList<>();
    TxId after = null;
    for (int page = 0; page < 5; page++) {
      List<ApprovalReceipt> p = f.store.approvals(after, 3);
      paged.addAll(p);
      if (p.size() < 3) {
        break;
      }
      after = p.get(p.size() - 1).txId();
    }
    List<ApprovalReceipt> sorted = new ArrayList<>(receipts);
    sorted.sort(Comparator.comparing(ApprovalReceipt::txId));
    assertThat(paged).isEqualTo(sorted);
    f.miner.tick();
    VerificationReport report = new BranchVerifier(params).verify(BranchSource.of(f.store));
    assertThat(report.fault()).isNull();
    assertThat(report.approvals()).isEqualTo(7);
    f.ledger.close();
    LedgerStore again = reopenTracked(f.store, true);
    if (again != null) {
      assertThat(again.approvalCount()).isEqualTo(7);
      assertThat(again.approvals(null, 100)).isEqualTo(sorted);
    }
  }

  @Test
  void writesToAClosedStoreFail() {
    LedgerStore s = newStore();
    s.close();
    assertThatThrownBy(() -> s.putMeta("k", new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void everythingFlushedIsThereAfterARestart() {
    Fixture f = fixture(9);
    f.record("s1", 30);
    f.miner.tick();
    f.record("s2", 10);
    f.ledger.close();
    List<Record> block1 = f.store.recordsInBlock(1);
    LedgerStore again = reopenTracked(f.store, true);
    if (again == null) {
      return; // not a durable engine
    }
    assertThat(again.height()).isEqualTo(2);
    assertThat(again.recordCount()).isEqualTo(40);
    assertThat(again.recordsInBlock(1)).hasSize(30).isEqualTo(block1);
    assertThat(again.query("s2", 0, Long.MAX_VALUE, 100, null).records()).hasSize(10);
    VerificationReport report = new BranchVerifier(f.params).verify(BranchSource.of(again));
    assertThat(report.fault()).isNull();
    assertThat(report.records()).isEqualTo(40);
  }

  @Test
  void anUncleanRestartClosesTheOpenBlockWhichTheNextBlockSeals() {
    Fixture f = fixture(10);
    f.record("s1", 12);
    f.store.flush();
    LedgerStore again = reopenTracked(f.store, false);
    if (again == null) {
      return; // not a durable engine
    }
    Fixture g = new Fixture(10, ValidBlockPolicy.mru(), again);
    assertThat(again.invalidReason(1)).hasValue(InvalidReason.UNCLEAN_SHUTDOWN);
    assertThat(g.ledger.validBlock()).isEmpty();
    BlockHeader b2 = g.miner.tick().orElseThrow();
    assertThat(b2.seal().sealedNo()).isEqualTo(1);
    assertThat(b2.seal().recordCount()).isEqualTo(12);
    assertThat(b2.seal().reason()).isEqualTo(InvalidReason.UNCLEAN_SHUTDOWN);
    g.scheduler.advance(1000); // new readings, not the first fixture's again (same seed)
    g.record("s1", 3);
    g.ledger.close();
    VerificationReport report = new BranchVerifier(g.params).verify(BranchSource.of(again));
    assertThat(report.fault()).isNull();
    assertThat(report.records()).isEqualTo(15);
    assertThat(report.invalidBlocks()).isEqualTo(1);
  }

  private static Record record(Fixture f, String objectId, long timestamp) {
    Submission s =
        Submission.of(objectId, "application/json", Bytes.utf8("{\"v\":1}"), timestamp, f.random);
    return f.ledger.record(s).join();
  }
}
