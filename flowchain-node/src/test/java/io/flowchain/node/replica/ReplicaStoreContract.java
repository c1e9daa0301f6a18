package io.flowchain.node.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.node.message.RecordAndBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link ReplicaStore} must do, run per engine. */
abstract class ReplicaStoreContract {
  private final List<ReplicaStore> opened = new ArrayList<>();

  protected abstract ReplicaStore create();

  /** Closes {@code store} and opens its data again, or null for an engine that keeps nothing. */
  protected abstract ReplicaStore reopen(ReplicaStore store);

  protected ReplicaStore newStore() {
    ReplicaStore s = create();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    for (ReplicaStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException alreadyClosed) {
        // fine
      }
    }
  }

  /** Copies of {@code n} records of a recorder of seed {@code seed}, over several blocks. */
  static List<RecordAndBlock> copies(long seed, int n, String objectId) {
    Fixture f = new Fixture(seed, ValidBlockPolicy.mru());
    f.miner.tick();
    List<RecordAndBlock> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Record r = f.ledger.record(f.reading(objectId, i)).join();
      out.add(new RecordAndBlock(r, f.store.header(r.blockNo()).orElseThrow()));
      f.scheduler.advance(i % 3); // some equal timestamps
      if (i % 5 == 4) {
        f.miner.tick();
      }
    }
    return out;
  }

  private static final Comparator<RecordAndBlock> SERIES =
      Comparator.comparingLong((RecordAndBlock e) -> e.record().timestamp())
          .thenComparing(e -> e.record().txId());

  @Test
  void copiesAreReadBackByTxIdAndByKeyAndStoredOnce() {
    ReplicaStore s = newStore();
    List<RecordAndBlock> a = copies(1, 12, "s-1");
    s.put(a).join();
    s.put(a.subList(0, 5)).join(); // again: nothing new
    assertThat(s.size()).isEqualTo(12);
    for (RecordAndBlock e : a) {
      assertThat(s.contains(e.record().txId())).isTrue();
      assertThat(s.get(e.record().txId())).hasValue(e);
      assertThat(s.getByKey(e.record().dataKey())).hasValue(e);
      assertThat(s.get(e.record().txId()).orElseThrow().record().toBytes())
          .isEqualTo(e.record().toBytes());
    }
    assertThat(s.get(copies(2, 1, "s-1").get(0).record().txId())).isEmpty();
    assertThat(s.getByKey(Key.of(new byte[20]))).isEmpty();
  }

  @Test
  void twoRecordersOfTheSameSubmissionAreBothKeptAndTheLatestRecordingIsGivenByKey() {
    Fixture one = new Fixture(3, ValidBlockPolicy.mru());
    Fixture two = new Fixture(4, ValidBlockPolicy.mru());
    one.miner.tick();
    two.scheduler.advance(5); // another block time, so another H_BLOCK and txID
    two.miner.tick();
    Submission sub = one.reading("s-1", 1);
    Record r1 = one.ledger.record(sub).join();
    Record r2 = two.ledger.record(sub).join();
    assertThat(r1.dataKey()).isEqualTo(r2.dataKey());
    assertThat(r2.recordedAt()).isGreaterThan(r1.recordedAt());
    RecordAndBlock first = new RecordAndBlock(r1, one.store.header(1).orElseThrow());
    RecordAndBlock second = new RecordAndBlock(r2, two.store.header(1).orElseThrow());
    for (List<RecordAndBlock> order : List.of(List.of(first, second), List.of(second, first))) {
      ReplicaStore s = newStore();
      s.put(order).join();
      assertThat(s.size()).isEqualTo(2);
      assertThat(s.getByKey(sub.dataKey())).as("the latest recording").hasValue(second);
      List<RecordAndBlock> seen = new ArrayList<>();
      s.forEachInKeyInterval(sub.dataKey(), sub.dataKey(), seen::add);
      assertThat(seen).extracting(RecordAndBlock::record).containsExactlyInAnyOrder(r1, r2);
    }
  }

  @Test
  void aKeyIntervalIsClosedAndInKeyOrder() {
    ReplicaStore s = newStore();
    List<RecordAndBlock> all = copies(5, 30, "s-1");
    s.put(all).join();
    List<RecordAndBlock> byKey =
        all.stream().sorted(Comparator.comparing(e -> e.record().dataKey())).toList();
    Key from = byKey.get(5).record().dataKey();
    Key to = byKey.get(20).record().dataKey();
    List<RecordAndBlock> seen = new ArrayList<>();
    s.forEachInKeyInterval(from, to, seen::add);
    assertThat(seen).containsExactlyElementsOf(byKey.subList(5, 21));
    seen.clear();
    Key justAfter = Key.of(from.toBigInteger().add(BigInteger.ONE));
    s.forEachInKeyInterval(justAfter, to, seen::add);
    assertThat(seen).containsExactlyElementsOf(byKey.subList(6, 21));
    seen.clear();
    s.forEachInKeyInterval(to, from, seen::add);
    assertThat(seen).isEmpty();
    s.forEachInKeyInterval(
        Key.of(BigInteger.ZERO),
        Key.of(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE)),
        seen::add);
    assertThat(seen).hasSize(30);
  }

  @Test
  void keyIntervalPagesCoverTheIntervalOnceAndNeverSplitTheCopiesOfOneKey() {
    ReplicaStore s = newStore();
    List<RecordAndBlock> all = copies(8, 23, "s-1");
    s.put(all).join();
    // a second recording of one submission: two copies under one data key
    Fixture two = new Fixture(9, ValidBlockPolicy.mru());
    two.scheduler.advance(5);
    two.miner.tick();
    List<RecordAndBlock> byKey =
        all.stream().sorted(Comparator.comparing(e -> e.record().dataKey())).toList();
    Record again = two.ledger.record(byKey.get(3).record().submission()).join();
    s.put(List.of(new RecordAndBlock(again, two.store.header(1).orElseThrow()))).join();

    Key from = Key.of(BigInteger.ZERO);
    Key to = Key.of(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE));
    List<RecordAndBlock> first = s.keyIntervalPage(from, to, 4);
    assertThat(first).as("the page finishes the key it ends on").hasSize(5);
    assertThat(first.get(3).record().dataKey()).isEqualTo(first.get(4).record().dataKey());
    List<RecordAndBlock> seen = new ArrayList<>(first);
    Key next = first.get(4).record().dataKey().next().orElseThrow();
    List<RecordAndBlock> page;
    do {
      page = s.keyIntervalPage(next, to, 4);
      seen.addAll(page);
      if (!page.isEmpty()) {
        next = page.get(page.size() - 1).record().dataKey().next().orElseThrow();
      }
    } while (page.size() >= 4);
    assertThat(seen).hasSize(24).doesNotHaveDuplicates();
    assertThat(seen).extracting(e -> e.record().dataKey()).isSorted();
    assertThat(s.keyIntervalPage(to, from, 4)).isEmpty();
  }

  @Test
  void queryPagesAnObjectsCopiesInTimeOrder() {
    ReplicaStore s = newStore();
    List<RecordAndBlock> one = copies(6, 17, "dev-1");
    List<RecordAndBlock> other = copies(7, 9, "dev-10");
    s.put(one).join();
    s.put(other).join();
    List<RecordAndBlock> seen = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    do {
      ReplicaStore.Page p = s.query("dev-1", 0, Long.MAX_VALUE, 4, cursor);
      assertThat(p.entries()).hasSizeLessThanOrEqualTo(4);
      seen.addAll(p.entries());
      cursor = p.next();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(5);
    assertThat(seen).containsExactlyElementsOf(one.stream().sorted(SERIES).toList());
    long from = seen.get(3).record().timestamp();
    long to = seen.get(12).record().timestamp();
    assertThat(s.query("dev-1", from, to, 100, null).entries())
        .containsExactlyElementsOf(
            seen.stream()
                .filter(e -> e.record().timestamp() >= from && e.record().timestamp() < to)
                .toList());
    assertThat(s.query("dev", 0, Long.MAX_VALUE, 100, null).entries()).isEmpty();
  }

  @Test
  void whatWasAcknowledgedIsThereAfterAReopen() {
    ReplicaStore s = newStore();
    List<RecordAndBlock> all = copies(8, 10, "s-1");
    s.put(all).join();
    ReplicaStore again = reopen(s);
    if (again == null) {
      return; // an engine that keeps nothing
    }
    opened.add(again);
    assertThat(again.size()).isEqualTo(10);
    for (RecordAndBlock e : all) {
      assertThat(again.get(e.record().txId())).hasValue(e);
    }
  }
}
