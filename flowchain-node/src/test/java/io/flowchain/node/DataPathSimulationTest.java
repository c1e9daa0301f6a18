package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.replica.InMemoryReplicaStore;
import io.flowchain.sim.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Data-path behaviour that needs the simulator's control: failures, limits, loss, determinism. */
class DataPathSimulationTest {

  private static List<Integer> ring(SimulatedLedgerNetwork net, int size, NodeConfig config) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(net.add(config));
    }
    net.start(ids.get(0), -1);
    for (int i = 1; i < size; i++) {
      net.pass(300);
      net.start(ids.get(i), ids.get(0));
    }
    assertThat(net.await(60_000, () -> net.members().size() == size)).isTrue();
    net.pass(10_000); // stabilization settles the successor lists
    return ids;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static FlowchainException failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(FlowchainException.class);
      return (FlowchainException) e.getCause();
    }
    throw new AssertionError("not failed");
  }

  @Test
  void aRecorderWithoutAValidBlockAnswersNoValidBlockAfterItsBoundedWait() {
    // a table whose first entry no miner will ever meet, and an easy one
    NetworkParams params =
        new NetworkParams(
            "hard-net",
            SimulatedLedgerNetwork.EPOCH - 1_000,
            List.of(Difficulty.leadingZeroBits(250), Difficulty.EASIEST),
            List.of());
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(41, params);
    NodeConfig config = NodeConfig.defaults().withJoinAfterFirstBlock(false);
    int stuck = net.add(config);
    int fine = net.add(config);
    net.start(stuck, -1, FlowchainNode.builder().difficulty(() -> Difficulty.leadingZeroBits(250)));
    net.pass(500);
    net.start(fine, stuck, FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST));
    assertThat(net.await(30_000, () -> net.members().size() == 2)).isTrue();
    net.pass(5_000);

    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      futures.add(net.node(fine).submit(utf8("r" + k), "s-1", "text/plain"));
    }
    long t0 = net.now();
    net.await(
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> v),
        60_000);
    int refused = 0;
    int recorded = 0;
    for (CompletableFuture<Receipt> f : futures) {
      if (f.isCompletedExceptionally()) {
        assertThat(failure(f).reason()).isEqualTo(FailureReason.NO_VALID_BLOCK);
        refused++;
      } else {
        assertThat(f.join().recorder()).isEqualTo(net.node(fine).id());
        recorded++;
      }
    }
    assertThat(refused).isGreaterThan(0);
    assertThat(recorded).isGreaterThan(0);
    assertThat(net.node(stuck).ledger().store().recordCount()).isZero();
    assertThat(net.node(stuck).stats().noValidBlock()).isEqualTo(refused);
    assertThat(net.now() - t0)
        .as("the recorder waited its bounded time first")
        .isGreaterThanOrEqualTo(NodeConfig.defaults().noValidBlockWaitMillis());
  }

  @Test
  void submissionsWhileTheRingFormsAreRetriedPromptlyAndLandAtTheOwner() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(50);
    NodeConfig all = NodeConfig.defaults().withAckPolicy(AckPolicy.ALL);
    int a = net.add(all);
    int b = net.add(all);
    net.start(a, -1);
    net.await(net.node(a).started(), 30_000);
    net.start(b, a);
    net.await(net.node(b).started(), 30_000);
    // a has b as predecessor but no successor until its next stabilization: it refuses the keys
    // of b at once, before its own request timer would otherwise have been armed
    assertThat(net.node(a).chord().successorList()).isEmpty();
    long t0 = net.now();
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      futures.add(net.node(a).submit(utf8("early" + k), "s-1", "text/plain"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 60_000);
    assertThat(net.now() - t0)
        .as("answered NOT_OWNER, retried after the backoff, not after a request timeout")
        .isLessThan(NodeConfig.defaults().requestTimeoutMillis());
    assertThat(net.node(a).stats().refusedNotOwner()).isGreaterThan(0);
    for (CompletableFuture<Receipt> f : futures) {
      Receipt r = f.join();
      int owner = net.node(a).chord().ownedRange().contains(r.dataKey()) ? a : b;
      assertThat(r.recorder()).isEqualTo(net.node(owner).id());
      // a node with a predecessor but no successor yet copies to its predecessor
      assertThat(r.copies()).as("both nodes hold it durably").isEqualTo(2);
    }
  }

  @Test
  void aClientWithTooManyRequestsInFlightIsToldBusyAtOnce() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(42);
    List<Integer> ids = ring(net, 3, NodeConfig.defaults().withLimits(5, 1024));
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      futures.add(net.node(ids.get(0)).submit(utf8("b" + k), "s-1", "text/plain"));
    }
    net.pass(1); // admission happens on the node's thread, before any answer can come back
    long busy = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    assertThat(busy).isEqualTo(15);
    futures.stream()
        .filter(CompletableFuture::isCompletedExceptionally)
        .forEach(f -> assertThat(failure(f).reason()).isEqualTo(FailureReason.BUSY));
    net.await(
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> v),
        30_000);
    assertThat(futures.stream().filter(f -> !f.isCompletedExceptionally()).count()).isEqualTo(5);
    // once they completed there is room again
    assertThat(net.await(net.node(ids.get(0)).submit(utf8("more"), "s-1", "text/plain"), 30_000))
        .isNotNull();
  }

  @Test
  void aBusyRecorderRefusesAndTheClientsRetryUntilRecorded() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(43);
    int only = net.add(NodeConfig.defaults().withLimits(1024, 2));
    // a store whose writes become durable 300 virtual ms after they are made
    net.start(
        only,
        -1,
        FlowchainNode.builder()
            .difficulty(() -> Difficulty.EASIEST)
            .store(new SlowStore(net.loop, 300)));
    net.await(net.node(only).started(), 30_000);
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      futures.add(net.node(only).submit(utf8("slow" + k), "s-1", "text/plain"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 60_000);
    assertThat(net.node(only).stats().refusedBusy()).isGreaterThan(0);
    assertThat(net.node(only).ledger().store().recordCount()).isEqualTo(8);
  }

  /** A store whose record writes become durable a fixed virtual delay after they are made. */
  static final class SlowStore extends DelegatingStore {
    private final EventLoop loop;
    private final long delay;

    SlowStore(EventLoop loop, long delay) {
      super(new InMemoryStore());
      this.loop = loop;
      this.delay = delay;
    }

    @Override
    public CompletableFuture<Void> putRecord(Record record) {
      inner.putRecord(record);
      CompletableFuture<Void> f = new CompletableFuture<>();
      loop.schedule(delay, () -> f.complete(null));
      return f;
    }
  }

  @Test
  void withoutTheReplicasConfirmationTheRecorderSaysSoAndAResubmissionReturnsTheSameRecord() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(44);
    NodeConfig all = NodeConfig.defaults().withAckPolicy(AckPolicy.ALL);
    List<Integer> ids = new ArrayList<>();
    FailingReplicaStore failing = new FailingReplicaStore();
    for (int i = 0; i < 3; i++) {
      ids.add(net.add(all));
    }
    net.start(ids.get(0), -1);
    net.pass(300);
    net.start(ids.get(1), ids.get(0));
    net.pass(300);
    net.start(
        ids.get(2),
        ids.get(0),
        FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST).replicaStore(failing));
    assertThat(net.await(60_000, () -> net.members().size() == 3)).isTrue();
    net.pass(10_000);

    // a submission that node 2 does not record itself (it only holds a replica)
    SplittableRandom random = new SplittableRandom(5);
    Submission candidate;
    do {
      candidate =
          Submission.of(
              "s-1",
              "text/plain",
              Bytes.utf8("x"),
              SimulatedLedgerNetwork.EPOCH + net.now(),
              random);
    } while (net.node(ids.get(2)).chord().ownedRange().contains(candidate.dataKey()));
    Submission s = candidate;
    failing.failing = true;
    CompletableFuture<Receipt> first = net.node(ids.get(0)).submit(s);
    net.await(first.handle((v, e) -> v), 60_000);
    assertThat(failure(first).reason()).isEqualTo(FailureReason.REPLICATION_TIMEOUT);
    int recorder =
        ids.stream()
            .filter(i -> net.node(i).chord().ownedRange().contains(s.dataKey()))
            .findFirst()
            .orElseThrow();
    Submission sub = s;
    assertThat(net.node(recorder).ledger().store().recordByKey(sub.dataKey()))
        .as("recorded, though not acknowledged")
        .isPresent();

    failing.failing = false;
    Receipt second = net.await(net.node(ids.get(1)).submit(s), 60_000);
    assertThat(second.copies()).isEqualTo(3);
    assertThat(second.txId())
        .isEqualTo(
            net.node(recorder).ledger().store().recordByKey(sub.dataKey()).orElseThrow().txId());
    Receipt third = net.await(net.node(ids.get(2)).submit(s), 60_000);
    assertThat(third.txId()).isEqualTo(second.txId());
    long withThatKey =
        net.node(recorder).ledger().store().recordsByKey(null, 10_000).stream()
            .filter(r -> r.dataKey().equals(sub.dataKey()))
            .count();
    assertThat(withThatKey).as("one record per data key").isEqualTo(1);
  }

  /** A replica store whose writes fail while {@link #failing} is set. */
  static final class FailingReplicaStore extends DelegatingReplicaStore {
    boolean failing;

    FailingReplicaStore() {
      super(new InMemoryReplicaStore());
    }

    @Override
    public CompletableFuture<Void> put(List<RecordAndBlock> entries) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("disk gone"));
      }
      return inner.put(entries);
    }
  }

  @Test
  void onALossyNetworkRetriesStillGetEveryRecordAcknowledgedAndReadable() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(45);
    List<Integer> ids = ring(net, 5, NodeConfig.defaults());
    net.network.setLossRate(0.05);
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      futures.add(net.node(ids.get(k % 5)).submit(utf8("lossy" + k), "s-1", "text/plain"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 120_000);
    net.pass(10_000);
    for (int k = 0; k < futures.size(); k++) {
      Receipt r = futures.get(k).join();
      Optional<Record> got = net.await(net.node(ids.get((k + 2) % 5)).get(r.dataKey()), 60_000);
      assertThat(got).isPresent();
      assertThat(got.get().txId()).isEqualTo(r.txId());
    }
    assertThat(net.network.messagesDropped()).isGreaterThan(0);
  }

  @Test
  void theCallbacksOfTheOriginalSdkFire() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(46);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger messages = new AtomicInteger();
    AtomicInteger data = new AtomicInteger();
    List<LedgerMessage> queries = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(net.add(NodeConfig.defaults()));
      net.start(
          i,
          i == 0 ? -1 : 0,
          FlowchainNode.builder()
              .difficulty(() -> Difficulty.EASIEST)
              .onStart(n -> started.incrementAndGet())
              .onMessage(r -> messages.incrementAndGet())
              .onData(r -> data.incrementAndGet())
              .onQuery(queries::add));
      net.pass(300);
    }
    assertThat(net.await(60_000, () -> net.members().size() == 4)).isTrue();
    net.pass(10_000);
    assertThat(started.get()).isEqualTo(4);
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      futures.add(net.node(ids.get(k % 4)).submit(utf8("cb" + k), "s-1", "text/plain"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 60_000);
    net.pass(3_000);
    assertThat(messages.get()).isEqualTo(30);
    long copies = ids.stream().mapToLong(i -> net.node(i).replicaStore().size()).sum();
    assertThat(data.get()).isEqualTo(copies).isEqualTo(60);
    net.await(net.node(ids.get(0)).query("s-1", 0, Long.MAX_VALUE), 60_000);
    assertThat(queries).hasSize(3); // every other member served the query
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    assertThat(run(47)).isEqualTo(run(47)).isNotEqualTo(run(48));
  }

  private static List<String> run(long seed) {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(seed);
    List<Integer> ids = ring(net, 4, NodeConfig.defaults());
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      futures.add(net.node(ids.get(k % 4)).submit(utf8("d" + k), "s-1", "text/plain"));
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 60_000);
    List<String> out = new ArrayList<>();
    for (CompletableFuture<Receipt> f : futures) {
      out.add(f.join().txId() + "@" + f.join().recorder() + "@" + f.join().recordedAt());
    }
    out.add("t=" + net.now());
    return out;
  }

  @Test
  void aNodeJoinsThroughAHostAndPortWhoseIdItDoesNotKnow() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(51);
    int a = net.add(NodeConfig.defaults());
    int b = net.add(NodeConfig.defaults());
    net.start(a, -1);
    net.await(net.node(a).started(), 30_000);
    String[] hostPort = net.peer(a).address().split(":");
    net.start(
        b,
        -1,
        FlowchainNode.builder()
            .difficulty(() -> Difficulty.EASIEST)
            .join(hostPort[0], Integer.parseInt(hostPort[1])));
    net.await(net.node(b).started(), 30_000);
    net.pass(5_000);
    assertThat(net.node(b).chord().successor()).isEqualTo(net.peer(a));
    assertThat(net.node(a).chord().successor()).isEqualTo(net.peer(b));
    assertThatThrownBy(() -> FlowchainNode.builder().join("", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FlowchainNode.builder().join("h", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badArgumentsAreRefusedAtOnce() {
    SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(49);
    List<Integer> ids = ring(net, 1, NodeConfig.defaults());
    FlowchainNode n = net.node(ids.get(0));
    assertThatThrownBy(() -> n.submit(utf8("x"), "bad id!", "text/plain"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object id");
    assertThatThrownBy(() -> n.submit(utf8("x"), "s-1", "Text/Plain"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> n.submit(new byte[Submission.MAX_PAYLOAD + 1], "s-1", "text/plain"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> n.query("s-1", 0, 10, 0, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(n.ledger().store().recordCount()).isZero();
    // a ring of one records everything itself
    Receipt r = net.await(n.submit(utf8("alone")), 30_000);
    assertThat(r.recorder()).isEqualTo(n.id());
    assertThat(r.copies()).isEqualTo(1);
  }
}
