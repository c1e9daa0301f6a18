package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.InMemoryReplicaStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-offs of a large range are paced: a joining node receives, per hand-off, no more batches than
 * the window before it has acknowledged some, and still ends up with everything it should hold.
 */
class HandOffSimulationTest {
  private static final int BATCH = 8;
  private final SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(8_128);

  @AfterEach
  void close() {
    net.close();
  }

  /** A replica store that keeps its writes waiting until {@link #open} and counts the batches. */
  static final class GatedReplicaStore extends DelegatingReplicaStore {
    final Set<TxId> batchesSeen = new HashSet<>(); // a batch by its first txID: resends count once
    final List<Runnable> waiting = new ArrayList<>();
    boolean gated = true;
    NodeId refusedRecorder; // while set, writes of this recorder's records fail

    GatedReplicaStore() {
      super(new InMemoryReplicaStore());
    }

    @Override
    public CompletableFuture<Void> put(List<RecordAndBlock> entries) {
      if (entries.stream().anyMatch(e -> e.record().recorder().equals(refusedRecorder))) {
        return CompletableFuture.failedFuture(new IllegalStateException("refused"));
      }
      batchesSeen.add(entries.get(0).record().txId());
      if (!gated) {
        return inner.put(entries);
      }
      CompletableFuture<Void> f = new CompletableFuture<>();
      waiting.add(() -> inner.put(entries).whenComplete((v, e) -> f.complete(null)));
      return f;
    }

    void open() {
      gated = false;
      waiting.forEach(Runnable::run);
      waiting.clear();
    }
  }

  @Test
  void aJoinerGetsItsRangesAWindowOfBatchesAtATimeAndAllOfThem() {
    NodeConfig config = NodeConfig.defaults().withBatchLimits(BATCH, 1024 * 1024);
    List<Integer> ring = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ring.add(net.add(config));
      net.start(ring.get(i), i == 0 ? -1 : ring.get(0));
      net.pass(300);
    }
    assertThat(net.await(60_000, () -> net.members().size() == 3)).isTrue();
    net.pass(10_000);
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 300; k++) {
      byte[] data = ("{\"reading\":" + k + "}").getBytes(StandardCharsets.UTF_8);
      futures.add(net.node(ring.get(k % 3)).submit(data, "meter-" + (k % 5), "application/json"));
    }
    List<Receipt> acked = new ArrayList<>();
    for (CompletableFuture<Receipt> f : futures) {
      acked.add(net.await(f, 60_000));
    }

    int joiner = net.add(config);
    GatedReplicaStore gate = new GatedReplicaStore();
    net.start(
        joiner,
        ring.get(0),
        FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST).replicaStore(gate));
    assertThat(net.await(60_000, () -> !gate.batchesSeen.isEmpty())).isTrue();
    net.pass(1_500); // less than the acknowledgement timeout: nothing is sent again yet

    // its successor hands it the keys it now owns; its two predecessors, whose replica sets it
    // joined, copy it their ranges: three hand-offs
    int expectedCopies = heldBy(joiner, acked).size();
    assertThat(expectedCopies).isGreaterThan(10 * BATCH);
    assertThat(gate.batchesSeen.size())
        .as("batches received before any was acknowledged")
        .isBetween(1, 3 * Replication.HAND_OFF_WINDOW);

    gate.open();
    assertThat(
            net.await(
                60_000,
                () ->
                    acked.stream().filter(r -> gate.contains(r.txId())).count() == expectedCopies))
        .as("the joiner holds a copy of every record whose replica set it is in")
        .isTrue();
    assertThat(gate.batchesSeen.size()).isGreaterThanOrEqualTo(expectedCopies / BATCH);
  }

  @Test
  void whatALeavingNodeHandsItsSuccessorReachesTheSuccessorsReplicaSetEvenWhenDurableLate() {
    NodeConfig config = NodeConfig.defaults();
    List<Integer> ring = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ring.add(net.add(config));
    }
    ring.sort(Comparator.comparing(i -> net.peer(i).id()));
    int leaver = ring.get(0);
    int successor = ring.get(1);
    int beyond = ring.get(3); // in the successor's replica set, not in the leaver's
    GatedReplicaStore store = new GatedReplicaStore();
    store.gated = false;
    store.refusedRecorder = net.peer(leaver).id(); // the successor holds none of its records
    for (int i : ring) {
      FlowchainNode.Builder b = FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST);
      net.start(i, i == ring.get(0) ? -1 : ring.get(0), i == successor ? b.replicaStore(store) : b);
      net.pass(300);
    }
    assertThat(net.await(60_000, () -> net.members().size() == 4)).isTrue();
    net.pass(10_000);
    List<Receipt> acked = new ArrayList<>();
    for (int k = 0; acked.size() < 20; k++) {
      byte[] data = ("{\"reading\":" + k + "}").getBytes(StandardCharsets.UTF_8);
      Receipt r =
          net.await(net.node(ring.get(k % 4)).submit(data, "meter", "application/json"), 60_000);
      if (r.recorder().equals(net.peer(leaver).id())) {
        acked.add(r);
      }
    }
    assertThat(acked).noneMatch(r -> store.contains(r.txId()) || heldAt(beyond, r));

    // the leave's copies reach the successor, which keeps them waiting for the disk while it
    // takes the range over and hands what it holds of it to its replica set
    store.refusedRecorder = null;
    store.gated = true;
    net.leave(leaver);
    net.pass(5_000);
    assertThat(store.waiting).isNotEmpty();
    store.open();
    assertThat(net.await(30_000, () -> acked.stream().allMatch(r -> heldAt(beyond, r))))
        .as("every record of the leaver held by the successor's replica set")
        .isTrue();
  }

  @Test
  void aBatchSentAgainWhileItsFirstWriteIsUnderWayIsStoredAndReportedOnce() {
    NodeConfig config = NodeConfig.defaults();
    List<Integer> ring = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ring.add(net.add(config));
    }
    int slow = ring.get(2);
    GatedReplicaStore store = new GatedReplicaStore();
    store.gated = false;
    List<TxId> reported = new ArrayList<>();
    for (int i : ring) {
      FlowchainNode.Builder b = FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST);
      if (i == slow) {
        b.replicaStore(store).onData(r -> reported.add(r.txId()));
      }
      net.start(i, i == ring.get(0) ? -1 : ring.get(0), b);
      net.pass(300);
    }
    assertThat(net.await(60_000, () -> net.members().size() == 3)).isTrue();
    net.pass(10_000);
    long before = net.node(slow).stats().copiesStored();
    int reportedBefore = reported.size();

    // with three nodes every record is copied to the slow one; its disk takes longer than the
    // 2 s its recorder waits before sending the batch again, twice
    store.gated = true;
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      byte[] data = ("{\"reading\":" + k + "}").getBytes(StandardCharsets.UTF_8);
      futures.add(net.node(ring.get(k % 2)).submit(data, "meter", "application/json"));
    }
    for (CompletableFuture<Receipt> f : futures) {
      net.await(f, 60_000);
    }
    long recordedElsewhere =
        futures.stream()
            .map(CompletableFuture::join)
            .filter(r -> !r.recorder().equals(net.peer(slow).id()))
            .count();
    net.pass(5_000);
    assertThat(
            net.node(ring.get(0)).stats().batchesResent()
                + net.node(ring.get(1)).stats().batchesResent())
        .as("batches sent again while the first write was under way")
        .isPositive();
    store.open();
    net.pass(10_000);
    assertThat(net.node(slow).stats().copiesStored() - before).isEqualTo(recordedElsewhere);
    assertThat(reported.subList(reportedBefore, reported.size()))
        .hasSize((int) recordedElsewhere)
        .doesNotHaveDuplicates();
  }

  private boolean heldAt(int machine, Receipt r) {
    FlowchainNode n = net.node(machine);
    return n.replicaStore().contains(r.txId()) || n.ledger().store().record(r.txId()).isPresent();
  }

  /** The acknowledged records that machine {@code m} belongs to the replica set (r = 3) of. */
  private List<Receipt> heldBy(int m, List<Receipt> acked) {
    List<NodeId> ring = new ArrayList<>();
    for (int i : net.members()) {
      ring.add(net.peer(i).id());
    }
    ring.sort(Comparator.naturalOrder());
    NodeId self = net.peer(m).id();
    List<Receipt> out = new ArrayList<>();
    for (Receipt r : acked) {
      int owner = 0;
      while (owner < ring.size() && ring.get(owner).compareTo(r.dataKey()) < 0) {
        owner++;
      }
      for (int k = 0; k < 3; k++) {
        if (ring.get((owner + k) % ring.size()).equals(self)) {
          out.add(r);
        }
      }
    }
    return out;
  }
}
