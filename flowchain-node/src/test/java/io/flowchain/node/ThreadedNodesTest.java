package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Difficulty;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Receipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on real threads (each its own scheduler thread and callback thread) over an in-process
 * transport: the SDK's methods may be called from any thread at once.
 */
class ThreadedNodesTest {
  private static final NetworkParams PARAMS =
      new NetworkParams("threads", 1_735_689_600_000L, List.of(Difficulty.EASIEST), List.of());

  private final List<FlowchainNode> nodes = new ArrayList<>();

  @AfterEach
  void closeAll() {
    nodes.forEach(FlowchainNode::close);
  }

  private List<FlowchainNode> ring(int size) throws Exception {
    InProcessNetwork network = new InProcessNetwork();
    for (int i = 0; i < size; i++) {
      FlowchainNode.Builder b =
          FlowchainNode.builder().network(PARAMS).transport(network.at("node-" + i)).mining(100, 1);
      if (i > 0) {
        b.join(nodes.get(0).peer());
      }
      FlowchainNode n = b.start();
      nodes.add(n);
      n.started().get(60, TimeUnit.SECONDS);
    }
    return nodes;
  }

  @Test
  void manyThreadsSubmitAndReadAtOnce() throws Exception {
    List<FlowchainNode> ring = ring(4);
    // until stabilization has placed every node, some submissions go round a little longer
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Receipt>>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        work.add(
            clients.submit(
                () -> {
                  List<CompletableFuture<Receipt>> mine = new ArrayList<>();
                  for (int k = 0; k < 40; k++) {
                    byte[] data = ("t" + thread + "-" + k).getBytes(StandardCharsets.UTF_8);
                    mine.add(
                        ring.get((thread + k) % 4).submit(data, "obj-" + thread, "text/plain"));
                  }
                  List<Receipt> out = new ArrayList<>();
                  for (CompletableFuture<Receipt> f : mine) {
                    out.add(f.get(60, TimeUnit.SECONDS));
                  }
                  return out;
                }));
      }
      Set<String> txIds = new HashSet<>();
      List<Receipt> all = new ArrayList<>();
      for (Future<List<Receipt>> f : work) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }
      all.forEach(r -> txIds.add(r.txId().toHex()));
      assertThat(txIds).hasSize(320);
      long recorded = ring.stream().mapToLong(n -> n.stats().recorded()).sum();
      assertThat(recorded).isEqualTo(320);
      for (int k = 0; k < all.size(); k += 7) {
        Receipt r = all.get(k);
        Optional<Record> back = ring.get(k % 4).get(r.dataKey()).get(60, TimeUnit.SECONDS);
        assertThat(back).isPresent();
        assertThat(r.verify(back.get().submission())).isTrue();
      }
      QueryResult q = ring.get(1).query("obj-3", 0, Long.MAX_VALUE).get(60, TimeUnit.SECONDS);
      assertThat(q.records()).hasSize(40);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void closingFailsWhatIsInFlightAndRefusesWhatComesAfter() throws Exception {
    List<FlowchainNode> ring = ring(2);
    FlowchainNode a = ring.get(0);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a.stats().acknowledged() > 0 || submitOnce(a));
    a.close();
    CompletableFuture<Receipt> late = a.submit("late".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(FlowchainException.class)
        .satisfies(
            e -> assertThat(((FlowchainException) e).reason()).isEqualTo(FailureReason.CLOSED));
    assertThat(a.ledger().validBlock()).isEmpty(); // the branch was closed
    // the other node noticed the graceful leave and is alone now
    FlowchainNode b = ring.get(1);
    Receipt r = b.submit("still here".getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
    assertThat(r.recorder()).isEqualTo(b.id());
  }

  @Test
  void aNodeOverADataDirectoryKeepsItsBranchAndItsCopiesAcrossARestart(@TempDir Path dir)
      throws Exception {
    InProcessNetwork network = new InProcessNetwork();
    FlowchainNode seed =
        FlowchainNode.builder()
            .network(PARAMS)
            .transport(network.at("seed"))
            .ackPolicy(AckPolicy.ALL)
            .mining(100, 1)
            .start();
    nodes.add(seed);
    seed.started().get(60, TimeUnit.SECONDS);
    FlowchainNode durable =
        FlowchainNode.builder()
            .network(PARAMS)
            .dataDir(dir)
            .transport(network.at("durable"))
            .ackPolicy(AckPolicy.ALL)
            .join(seed.peer())
            .mining(100, 1)
            .start();
    durable.started().get(60, TimeUnit.SECONDS);
    List<Receipt> receipts = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      receipts.add(
          seed.submit(("d" + k).getBytes(StandardCharsets.UTF_8), "dur-1", "text/plain")
              .get(60, TimeUnit.SECONDS));
    }
    assertThat(receipts).allSatisfy(r -> assertThat(r.copies()).isEqualTo(2));
    long own = durable.ledger().store().recordCount();
    long copies = durable.replicaStore().size();
    assertThat(own + copies).as("with two nodes, each holds every record").isEqualTo(30);
    durable.close();

    FlowchainNode again =
        FlowchainNode.builder()
            .network(PARAMS)
            .dataDir(dir)
            .transport(network.at("durable-2"))
            .join(seed.peer())
            .mining(100, 1)
            .start();
    nodes.add(again);
    again.started().get(60, TimeUnit.SECONDS);
    assertThat(again.id()).as("the key came from node.pem").isEqualTo(durable.id());
    assertThat(again.ledger().store().recordCount()).isEqualTo(own);
    assertThat(again.replicaStore().size()).isGreaterThanOrEqualTo(copies);
    for (Receipt r : receipts) {
      if (r.recorder().equals(again.id())) {
        assertThat(again.ledger().store().record(r.txId())).isPresent();
      }
      assertThat(again.get(r.dataKey()).get(60, TimeUnit.SECONDS)).isPresent();
    }
    // a data directory of another network is refused
    assertThatThrownBy(
            () ->
                FlowchainNode.builder()
                    .network(new NetworkParams("other", 1L, List.of(Difficulty.EASIEST), List.of()))
                    .dataDir(dir.resolve("..").resolve(dir.getFileName()))
                    .transport(network.at("durable-3"))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another network");
  }

  private static boolean submitOnce(FlowchainNode n) throws Exception {
    return n.submit("x".getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS) != null;
  }
}
