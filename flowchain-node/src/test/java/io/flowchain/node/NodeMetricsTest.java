package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Difficulty;
import io.flowchain.node.message.Receipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's metrics and health, on a ring of nodes with RocksDB stores over in-process links. */
class NodeMetricsTest {
  private static final NetworkParams PARAMS =
      new NetworkParams("metrics", 1_735_689_600_000L, List.of(Difficulty.EASIEST), List.of());

  @TempDir Path temp;
  private final List<FlowchainNode> nodes = new ArrayList<>();
  private final List<NodeMetrics> metrics = new ArrayList<>();

  @AfterEach
  void closeAll() {
    metrics.forEach(NodeMetrics::close);
    nodes.forEach(FlowchainNode::close);
  }

  private void ring(int size) throws Exception {
    InProcessNetwork network = new InProcessNetwork();
    for (int i = 0; i < size; i++) {
      FlowchainNode.Builder b =
          FlowchainNode.builder()
              .network(PARAMS)
              .dataDir(temp.resolve("n" + i))
              .transport(network.at("node-" + i))
              .mining(100, 1);
      if (i > 0) {
        b.join(nodes.get(0).peer());
      }
      FlowchainNode n = b.start();
      nodes.add(n);
      metrics.add(NodeMetrics.of(n));
      n.started().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void theNamedSeriesAreThereAndMoveWhenRecordsAreSubmitted() throws Exception {
    ring(3);
    String before = metrics.get(0).scrape();
    for (String series :
        List.of(
            "flowchain_records_submitted_total",
            "flowchain_records_acknowledged_total",
            "flowchain_records_recorded_total",
            "flowchain_records_replicated_total",
            "flowchain_records_verified_total",
            "flowchain_approvals_refused_total",
            "flowchain_approvals_confirmed_total",
            "flowchain_put_latency_seconds_bucket",
            "flowchain_put_latency_seconds_count",
            "flowchain_route_hops_count",
            "flowchain_ring_size_estimate",
            "flowchain_ring_member",
            "flowchain_blocks_mined_total",
            "flowchain_blocks_invalidated_total",
            "flowchain_store_batch_size_count",
            "flowchain_store_sync_seconds_bucket",
            "flowchain_requests_refused_total",
            "flowchain_branch_height")) {
      assertThat(before).contains(series);
    }
    assertThat(sum(before, "flowchain_records_submitted_total")).isZero();
    assertThat(sum(before, "flowchain_blocks_invalidated_total{reason=\"disk_full\"}")).isZero();

    List<CompletableFuture<Receipt>> receipts = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      byte[] data = ("reading-" + k).getBytes(StandardCharsets.UTF_8);
      receipts.add(nodes.get(0).submit(data, "sensor-1", "text/plain"));
    }
    for (CompletableFuture<Receipt> f : receipts) {
      f.get(60, TimeUnit.SECONDS);
    }
    String after = metrics.get(0).scrape();
    assertThat(sum(after, "flowchain_records_submitted_total")).isEqualTo(30);
    assertThat(sum(after, "flowchain_records_acknowledged_total")).isEqualTo(30);
    assertThat(sum(after, "flowchain_put_latency_seconds_count")).isEqualTo(30);
    assertThat(sum(after, "flowchain_put_latency_seconds_bucket{le=\"+Inf\"}")).isEqualTo(30);
    // every record was recorded once somewhere and copied to the other two nodes
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              double recorded = 0;
              double replicated = 0;
              double routed = 0;
              for (NodeMetrics m : metrics) {
                String s = m.scrape();
                recorded += sum(s, "flowchain_records_recorded_total");
                replicated += sum(s, "flowchain_records_replicated_total");
                routed += sum(s, "flowchain_route_hops_count{kind=\"message\"}");
              }
              assertThat(recorded).isEqualTo(30);
              // 60 distinct copies; a batch sent again while its first copy was still on its way
              // to disk is counted again
              assertThat(replicated).isGreaterThanOrEqualTo(60);
              assertThat(nodes.stream().mapToLong(n -> n.replicaStore().size()).sum())
                  .isEqualTo(60);
              assertThat(routed).isGreaterThanOrEqualTo(30);
            });
    for (NodeMetrics m : metrics) {
      String s = m.scrape();
      double recorded = sum(s, "flowchain_records_recorded_total");
      if (recorded > 0) { // its records and their headers went through the group commit
        assertThat(sum(s, "flowchain_store_writes_total")).isGreaterThan(recorded);
        assertThat(sum(s, "flowchain_store_batch_size_sum")).isGreaterThanOrEqualTo(recorded);
        assertThat(sum(s, "flowchain_store_sync_seconds_count")).isPositive();
      }
      assertThat(sum(s, "flowchain_blocks_mined_total")).isPositive();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String s = metrics.get(1).scrape();
              assertThat(sum(s, "flowchain_ring_member")).isEqualTo(1);
              assertThat(sum(s, "flowchain_ring_size_estimate")).isEqualTo(3);
              assertThat(sum(s, "flowchain_ring_peers_known")).isEqualTo(2);
            });
  }

  @Test
  void readyOnceAMemberWithAValidBlockAndNotLiveOnceClosed() throws Exception {
    ring(1);
    NodeMetrics m = metrics.get(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> m.health().ready());
    assertThat(m.health()).isEqualTo(new Health(true, true, List.of()));
    nodes.get(0).close();
    Health h = m.health();
    assertThat(h.live()).isFalse();
    assertThat(h.ready()).isFalse();
    assertThat(h.reasons())
        .contains("the node is closed", "the store is closed or a write to it failed");
  }

  @Test
  void aTransportsCountersAppearUnderItsLabel() throws Exception {
    ring(1);
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("connectionsOpen", 2L);
    counters.put("connectionsOpened", 5L);
    counters.put("refused", 3L);
    counters.put("sent", 40L);
    counters.put("droppedInbound", 1L);
    metrics.get(0).bindTransport("websocket", () -> counters);
    String s = metrics.get(0).scrape();
    assertThat(sum(s, "flowchain_transport_connections{transport=\"websocket\"}")).isEqualTo(2);
    assertThat(sum(s, "flowchain_transport_connections_opened_total{transport=\"websocket\"}"))
        .isEqualTo(5);
    assertThat(sum(s, "flowchain_peers_refused_total{transport=\"websocket\"}")).isEqualTo(3);
    assertThat(sum(s, "flowchain_transport_messages_total")).isEqualTo(40);
    assertThat(sum(s, "flowchain_transport_dropped_total")).isEqualTo(1);
    counters.put("refused", 4L);
    assertThat(sum(metrics.get(0).scrape(), "flowchain_peers_refused_total")).isEqualTo(4);
  }

  /**
   * The sum of the samples whose line starts with {@code prefix}: a metric name, optionally with
   * the opening of its labels ({@code name{label="v"}} matches the samples carrying that label).
   */
  static double sum(String scrape, String prefix) {
    String name = prefix.contains("{") ? prefix.substring(0, prefix.indexOf('{')) : prefix;
    List<String> wanted =
        prefix.contains("{")
            ? List.of(prefix.substring(prefix.indexOf('{') + 1, prefix.length() - 1).split(","))
            : List.of();
    double total = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      if (!rest.startsWith(" ") && !rest.startsWith("{")) {
        continue; // a longer name
      }
      String labels = rest.startsWith("{") ? rest.substring(1, rest.indexOf('}')) : "";
      if (!wanted.stream().allMatch(labels::contains)) {
        continue;
      }
      found = true;
      total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    assertThat(found).as("a sample of " + prefix).isTrue();
    return total;
  }
}
