package io.flowchain.node.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.export.BranchExport;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.BranchRequest;
import io.flowchain.node.message.LedgerCodec;
import io.flowchain.node.message.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The collector against members answered from real branches (fixtures) through a page source that
 * the test drives: whole branches come back page by page, also while the members keep recording; a
 * member that does not answer is reported missing; a page changed in transit or contradicting the
 * pages before is refused.
 */
class BranchCollectorTest {
  private static final long PAGE = BranchRequest.MIN_PAGE_BYTES;
  private final NetworkParams params = Fixture.params(List.of());
  private final List<Fixture> members = new ArrayList<>();
  private final List<Peer> peers = new ArrayList<>();
  private final ArrayDeque<Runnable> inTransit = new ArrayDeque<>();
  private final Map<Integer, Integer> pagesAnswered = new HashMap<>();
  private List<Peer> successors = peers;

  private int indexOf(Peer member) {
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).id().equals(member.id())) {
        return i;
      }
    }
    throw new AssertionError("no member " + member);
  }

  private void network(int n, int readingsPerBlock) {
    for (int i = 0; i < n; i++) {
      Fixture f = new Fixture(40 + i, ValidBlockPolicy.mru(), new InMemoryStore(), params);
      members.add(f);
      peers.add(new Peer(f.keys.nodeId(), "member-" + i + ":1"));
    }
    for (int block = 0; block < 6; block++) {
      for (Fixture f : members) {
        f.miner.tick();
        f.record("sensor-" + block, readingsPerBlock);
      }
    }
    members.forEach(f -> f.miner.tick());
  }

  /** A page source answering from the fixtures; {@code change} may alter or replace an answer. */
  private BranchCollector.PageSource source(BiFunction<Integer, BranchPage, BranchPage> change) {
    return (member, fromBlock, fromRecord) -> {
      int i = indexOf(member);
      CompletableFuture<BranchPage> f = new CompletableFuture<>();
      inTransit.add(
          () -> {
            if (member.address().startsWith("stale")) {
              f.completeExceptionally(new IllegalStateException("nobody at " + member.address()));
              return;
            }
            BranchPage page =
                BranchPages.answer(
                    members.get(i).store,
                    new BranchRequest(1, peers.get(0), fromBlock, fromRecord, PAGE),
                    Long.MAX_VALUE,
                    successors);
            pagesAnswered.merge(i, 1, Integer::sum);
            BranchPage changed = change.apply(i, page);
            if (changed == null) {
              f.completeExceptionally(new IllegalStateException("no answer"));
            } else {
              f.complete(changed);
            }
          });
      return f;
    };
  }

  private BranchCollection collect(BranchCollector.PageSource source, int maxMembers) {
    CompletableFuture<BranchCollection> result =
        new BranchCollector(source, 2, maxMembers, new BranchCollector.Listener() {})
            .collect(List.of(peers.get(0)));
    while (!result.isDone()) {
      assertThat(inTransit).as("the collection waits for pages in transit").isNotEmpty();
      inTransit.poll().run();
    }
    return result.join();
  }

  private static byte[] export(NetworkParams params, BranchSource b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BranchExport.write(params, b, out, no -> {});
    return out.toByteArray();
  }

  @Test
  void everyMemberFoundIsCollectedPageByPageExactlyAsItsExport() throws IOException {
    network(3, 12);
    BranchCollection c = collect(source((i, p) -> p), 10).verified(params, r -> {});
    assertThat(c.complete()).isTrue();
    assertThat(c.branches()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Fixture f = members.get(i);
      CollectedBranch b =
          c.branches().stream().filter(x -> x.member().equals(f.keys.nodeId())).findFirst().get();
      assertThat(export(params, b)).isEqualTo(export(params, BranchSource.of(f.store)));
      assertThat(b.pages()).as("small pages: many of them").isGreaterThan(5);
      assertThat(pagesAnswered.get(i)).isEqualTo((int) b.pages());
    }
  }

  @Test
  void aBranchThatGrowsWhileItIsCollectedIsASnapshotThatVerifies() {
    network(1, 10);
    Fixture f = members.get(0);
    // between two pages the member records into its open block and mines the block sealing it
    BranchCollection c =
        collect(
                source(
                    (i, p) -> {
                      f.record("late", 3);
                      f.miner.tick();
                      return p;
                    }),
                10)
            .verified(params, r -> {});
    assertThat(c.rejected()).isEmpty();
    CollectedBranch b = c.branches().get(0);
    assertThat(b.height()).isGreaterThan(7);
    long sealed = b.header(b.height()).seal().sealedNo();
    for (long no = 1; no <= sealed; no++) {
      assertThat(b.records(no)).hasSameSizeAs(f.store.recordsInBlock(no)); // sealed: complete
    }
  }

  @Test
  void aMemberThatDoesNotAnswerIsReportedMissingAndTheOthersAreCollected() {
    network(3, 4);
    BranchCollection c = collect(source((i, p) -> i == 1 ? null : p), 10);
    assertThat(c.complete()).isFalse();
    assertThat(c.missing()).hasSize(1);
    assertThat(c.missing().get(0).member()).isEqualTo(peers.get(1));
    assertThat(c.missing().get(0).reason()).contains("no answer");
    assertThat(c.branches()).hasSize(2);
  }

  @Test
  void aMemberNamedAtAStaleAddressIsTriedAtItsOtherOne() {
    network(3, 2);
    successors =
        List.of(peers.get(0), new Peer(peers.get(1).id(), "stale-1:1"), peers.get(1), peers.get(2));
    BranchCollection c = collect(source((i, p) -> p), 10);
    assertThat(c.complete()).as("missing %s", c.missing()).isTrue();
    assertThat(c.branches()).hasSize(3);
    assertThat(c.from()).contains(peers.get(1));
  }

  @Test
  void aRecordByteChangedInTransitIsCaughtByVerification() {
    network(2, 4);
    BranchCollection c =
        collect(
                source(
                    (i, p) -> {
                      if (i != 1 || p.blocks().stream().allMatch(s -> s.records().isEmpty())) {
                        return p;
                      }
                      byte[] bytes = LedgerCodec.encode(p);
                      byte[] field = "\"temperature\":".getBytes(StandardCharsets.UTF_8);
                      int at = indexOf(bytes, field) + field.length;
                      bytes[at] = (byte) (bytes[at] == '7' ? '8' : '7'); // one digit of a reading
                      return (BranchPage) LedgerCodec.decode(bytes);
                    }),
                10)
            .verified(params, r -> {});
    assertThat(c.branches()).hasSize(1);
    assertThat(c.rejected()).hasSize(1);
    assertThat(c.rejected().get(0).member()).isEqualTo(peers.get(1));
    assertThat(c.rejected().get(0).fault()).contains("does not verify");
  }

  @Test
  void pagesThatContradictEachOtherAreRefused() {
    network(2, 4);
    Fixture other = new Fixture(99, ValidBlockPolicy.mru(), new InMemoryStore(), params);
    other.miner.tick();
    BranchCollection c =
        collect(
            source(
                (i, p) ->
                    i == 1 && pagesAnswered.get(1) == 2
                        ? BranchPages.answer(
                            other.store,
                            new BranchRequest(1, peers.get(0), 1, 0, PAGE),
                            PAGE,
                            List.of())
                        : p),
            10);
    assertThat(c.rejected()).hasSize(1);
    assertThat(c.rejected().get(0).fault()).contains("not of the member asked");
  }

  @Test
  void membersBeyondTheWalksBoundAreReportedNotAsked() {
    network(3, 2);
    BranchCollection c = collect(source((i, p) -> p), 2);
    assertThat(c.branches()).hasSize(2);
    assertThat(c.missing()).hasSize(1);
    assertThat(c.missing().get(0).reason()).contains("bound of 2 members");
  }

  @Test
  void aPageKeepsToItsSizeAndAlwaysMakesProgress() {
    network(1, 30);
    Fixture f = members.get(0);
    BranchRequest from2 = new BranchRequest(1, peers.get(0), 2, 5, PAGE);
    BranchPage page = BranchPages.answer(f.store, from2, Long.MAX_VALUE, List.of());
    assertThat(page.blocks().get(0).header().no()).isEqualTo(2);
    assertThat(page.blocks().get(0).first()).isEqualTo(5);
    assertThat(page.more()).isTrue();
    long bytes = 0;
    for (BranchPage.Section s : page.blocks()) {
      bytes += BranchPages.SECTION_BYTES;
      for (var r : s.records()) {
        bytes += 4 + r.toBytes().length;
      }
    }
    assertThat(bytes).isLessThanOrEqualTo(PAGE);
    assertThat(LedgerCodec.encode(page).length).isLessThan(Limits.MAX_MESSAGE_BYTES);
    // asked past the last record of the last block: that block, nothing more
    long h = f.store.height();
    int n = f.store.recordsInBlock(h).size();
    BranchPage end =
        BranchPages.answer(
            f.store, new BranchRequest(1, peers.get(0), h, n, PAGE), PAGE, List.of());
    assertThat(end.more()).isFalse();
    assertThat(end.blocks()).hasSize(1);
    assertThat(end.blocks().get(0).records()).isEmpty();
  }

  private static int indexOf(byte[] in, byte[] part) {
    for (int i = 0; i + part.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
