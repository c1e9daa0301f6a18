package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.dht.KeyRange;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.LatestRecording;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The merge rule of cross-ring queries, and the split of ring ranges into key intervals. */
class QueryMergeTest {
  private static final List<RecordAndBlock> SERIES = series();

  private static List<RecordAndBlock> series() {
    Fixture f = new Fixture(9, ValidBlockPolicy.mru());
    f.miner.tick();
    List<RecordAndBlock> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Record r = f.ledger.record(f.reading("q-1", i)).join();
      out.add(new RecordAndBlock(r, f.store.header(r.blockNo()).orElseThrow()));
      f.scheduler.advance(i % 4 == 0 ? 0 : 1); // runs of equal timestamps
    }
    out.sort(LocalReads.SERIES_ORDER);
    return out;
  }

  /**
   * A member's answer: its first {@code limit} records after the cursor, and whether it has more.
   */
  private static List<RecordAndBlock> pageOf(List<RecordAndBlock> held, int limit, Cursor after) {
    List<RecordAndBlock> out = new ArrayList<>();
    for (RecordAndBlock e : held) {
      Record r = e.record();
      if (after == null
          || r.timestamp() > after.timestamp()
          || (r.timestamp() == after.timestamp() && r.txId().compareTo(after.txId()) > 0)) {
        out.add(e);
      }
    }
    return out.subList(0, Math.min(limit + 1, out.size()));
  }

  /** {@link #SERIES} with every fifth submission recorded a second time, later, by another node. */
  private static final List<RecordAndBlock> SERIES_TWICE = seriesRecordedTwice();

  private static List<RecordAndBlock> seriesRecordedTwice() {
    Fixture other = new Fixture(10, ValidBlockPolicy.mru());
    other.scheduler.advance(10_000);
    other.miner.tick();
    List<RecordAndBlock> out = new ArrayList<>(SERIES);
    for (int i = 0; i < SERIES.size(); i += 5) {
      Record r = other.ledger.record(SERIES.get(i).record().submission()).join();
      out.add(new RecordAndBlock(r, other.store.header(r.blockNo()).orElseThrow()));
    }
    out.sort(LocalReads.SERIES_ORDER);
    return out;
  }

  /** Pages through the merged pages of members holding {@code series}; every record seen. */
  private static List<Record> pageThrough(
      List<RecordAndBlock> series, int members, int copies, int limit, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<RecordAndBlock>> held = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      held.add(new ArrayList<>());
    }
    for (RecordAndBlock e : series) {
      int first = random.nextInt(members);
      for (int c = 0; c < Math.min(copies, members); c++) {
        held.get((first + c) % members).add(e);
      }
    }
    List<Record> seen = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    do {
      QueryMerge merge = new QueryMerge(limit);
      for (List<RecordAndBlock> h : held) {
        List<RecordAndBlock> p = pageOf(h, limit, cursor);
        // a member may stop short of the limit (its byte bound): it then says it has more
        int size = Math.min(p.size(), random.nextInt(4) == 0 ? 1 + random.nextInt(limit) : limit);
        boolean more = p.size() > size;
        merge.add(p.subList(0, size), more);
      }
      QueryResult r = merge.result(members, 0);
      assertThat(r.records()).hasSizeLessThanOrEqualTo(limit);
      seen.addAll(r.records());
      cursor = r.next();
      pages++;
      assertThat(pages).as("paging terminates").isLessThan(500);
    } while (cursor != null);
    return seen;
  }

  @Property(tries = 200)
  void aSubmissionRecordedTwiceIsListedAsItsLatestRecording(
      @ForAll @IntRange(min = 1, max = 6) int members,
      @ForAll @IntRange(min = 1, max = 3) int copies,
      @ForAll @IntRange(min = 1, max = 80) int limit,
      @ForAll long seed) {
    Map<Key, Record> latest = new HashMap<>();
    for (RecordAndBlock e : SERIES_TWICE) {
      latest.merge(
          e.record().dataKey(), e.record(), (a, b) -> LatestRecording.isLater(b, a) ? b : a);
    }
    assertThat(latest).hasSize(SERIES.size());
    List<Record> seen = pageThrough(SERIES_TWICE, members, copies, limit, seed);
    assertThat(seen).doesNotHaveDuplicates().containsAll(latest.values());
    assertThat(seen)
        .isSortedAccordingTo(
            Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId));
    // one page holding everything: each submission exactly once, as its latest recording
    QueryMerge whole = new QueryMerge(SERIES_TWICE.size());
    whole.add(SERIES_TWICE, false);
    QueryResult one = whole.result(1, 0);
    assertThat(one.records()).containsExactlyInAnyOrderElementsOf(latest.values());
    assertThat(one.next()).isNull();
  }

  @Property(tries = 300)
  void pagingThroughMergedPagesSeesEveryRecordOnceInOrder(
      @ForAll @IntRange(min = 1, max = 6) int members,
      @ForAll @IntRange(min = 1, max = 3) int copies,
      @ForAll @IntRange(min = 1, max = 25) int limit,
      @ForAll long seed) {
    List<Record> seen = pageThrough(SERIES, members, copies, limit, seed);
    assertThat(seen)
        .containsExactlyElementsOf(SERIES.stream().map(RecordAndBlock::record).toList());
  }

  @Test
  void aRingRangeSplitsIntoClosedIntervals() {
    Key a = Key.of(BigInteger.valueOf(100));
    Key b = Key.of(BigInteger.valueOf(200));
    BigInteger max = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    assertThat(LocalReads.intervals(new KeyRange(a, b)))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i[0].toBigInteger()).isEqualTo(BigInteger.valueOf(101));
              assertThat(i[1]).isEqualTo(b);
            });
    List<Key[]> wrap = LocalReads.intervals(new KeyRange(b, a));
    assertThat(wrap).hasSize(2);
    assertThat(wrap.get(0)[0].toBigInteger()).isEqualTo(BigInteger.valueOf(201));
    assertThat(wrap.get(0)[1].toBigInteger()).isEqualTo(max);
    assertThat(wrap.get(1)[0].toBigInteger()).isZero();
    assertThat(wrap.get(1)[1]).isEqualTo(a);
    List<Key[]> whole = LocalReads.intervals(new KeyRange(a, a));
    assertThat(whole)
        .singleElement()
        .satisfies(i -> assertThat(i[1].toBigInteger()).isEqualTo(max));
    List<Key[]> fromTop = LocalReads.intervals(new KeyRange(Key.of(max), a));
    assertThat(fromTop).singleElement().satisfies(i -> assertThat(i[0].toBigInteger()).isZero());
    // every key of a wrapping range is in exactly one interval, every other key in none
    KeyRange range = new KeyRange(b, a);
    for (BigInteger k :
        List.of(
            BigInteger.ZERO,
            BigInteger.valueOf(100),
            BigInteger.valueOf(101),
            BigInteger.valueOf(200),
            BigInteger.valueOf(201),
            max)) {
      Key key = Key.of(k);
      long in =
          wrap.stream().filter(i -> i[0].compareTo(key) <= 0 && key.compareTo(i[1]) <= 0).count();
      assertThat(in).as("key %s", k).isEqualTo(range.contains(key) ? 1 : 0);
    }
    assertThat(SERIES).isSortedAccordingTo(Comparator.comparingLong(e -> e.record().timestamp()));
  }
}
