package io.flowchain.node;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.core.port.Cancellable;
import io.flowchain.dht.ChordStats;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.store.rocksdb.StoreStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A node's metrics in a Micrometer registry, for Prometheus: the data path's counters ({@link
 * NodeStats}), put latency, route hops, the ring as this node sees it, blocks mined and closed, the
 * store's group commit and the transports' connections. Every series is named {@code
 * flowchain_...}; docs/operations.md lists them.
 *
 * <p>Counters are read from the node's own figures when scraped; histograms are fed by observers
 * the node calls on its threads (no allocation per record). The ring is sampled on the node's
 * thread once a second. {@link #scrape()} and {@link #health()} may be called from any thread.
 */
public final class NodeMetrics implements AutoCloseable {
  /** How often the ring is sampled on the node's thread. */
  static final long SAMPLE_MILLIS = 1_000;

  /** A node whose thread has not sampled the ring for this long is not live. */
  static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final FlowchainNode node;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<InvalidReason, Counter> invalidated = new EnumMap<>(InvalidReason.class);
  private final List<StoreStats> stores = new ArrayList<>();
  private final Cancellable sampler;
  private final Counter blocksMined;
  private volatile RingSample ring = RingSample.NONE;
  private volatile boolean closed;

  private NodeMetrics(FlowchainNode node) {
    this.node = node;
    NodeStats stats = node.stats();
    counter(
        "flowchain.records.submitted",
        "Submissions this node started as a client",
        stats,
        NodeStats::submitted);
    counter(
        "flowchain.records.acknowledged",
        "Submissions of this node that got a checked receipt",
        stats,
        NodeStats::acknowledged);
    counter(
        "flowchain.records.recorded",
        "Records this node recorded in its branch, as the successor of their key",
        stats,
        NodeStats::recorded);
    counter(
        "flowchain.records.replicated",
        "Copies of other nodes' records stored here (replication and hand-off)",
        stats,
        NodeStats::copiesStored);
    counter(
        "flowchain.records.verified",
        "Records of this node's branch verified by an endpoint's approval: Flowcoins earned",
        stats,
        NodeStats::coinsEarned);
    counter(
        "flowchain.approvals.refused",
        "Approvals this node refused as recorder (each answered with the reason)",
        stats,
        NodeStats::approvalsRefused);
    counter(
        "flowchain.approvals.confirmed",
        "Approvals of other recorders' records this node confirmed as a replica",
        stats,
        NodeStats::confirmationsGiven);
    counter(
        "flowchain.records.copies.refused",
        "Copies refused because they did not check out against their block header",
        stats,
        NodeStats::copiesRefused);
    counter(
        "flowchain.receipts.from.copies",
        "Submissions answered from a copy held here",
        stats,
        NodeStats::receiptsFromCopies);
    counter(
        "flowchain.requests.failed",
        "Requests of this node (submissions and reads) that failed",
        stats,
        NodeStats::failed);
    refused("not_owner", stats, NodeStats::refusedNotOwner);
    refused("busy", stats, NodeStats::refusedBusy);
    refused("no_valid_block", stats, NodeStats::noValidBlock);
    batches("sent", stats, NodeStats::batchesSent);
    batches("resent", stats, NodeStats::batchesResent);
    batches("abandoned", stats, NodeStats::batchesAbandoned);
    batches("transfer", stats, NodeStats::transfersSent);
    counter(
        "flowchain.reads.served",
        "Gets and queries this node answered for others",
        stats,
        NodeStats::readsServed);
    counter(
        "flowchain.branch.pages.served",
        "Pages of this node's branch sent to members collecting it (the inventory)",
        stats,
        NodeStats::branchPagesServed);
    rejected("malformed", stats, NodeStats::malformedMessages);
    rejected("bad_answer", stats, NodeStats::badAnswers);
    counter(
        "flowchain.errors",
        "Unexpected errors while handling a message (logged)",
        stats,
        NodeStats::errors);

    Timer putLatency =
        Timer.builder("flowchain.put.latency")
            .description("From submit to the checked receipt, by the node's clock (ms resolution)")
            .serviceLevelObjectives(
                micros(
                    1_000,
                    2_000,
                    5_000,
                    10_000,
                    20_000,
                    50_000,
                    100_000,
                    200_000,
                    500_000,
                    1_000_000,
                    2_000_000,
                    5_000_000,
                    10_000_000,
                    30_000_000))
            .register(registry);
    stats.observePutLatency(ms -> putLatency.record(ms, TimeUnit.MILLISECONDS));

    DistributionSummary routed = hops("message");
    DistributionSummary lookups = hops("lookup");
    node.chord()
        .stats()
        .observeHops(
            new ChordStats.HopObserver() {
              @Override
              public void onRouted(int hops) {
                routed.record(hops);
              }

              @Override
              public void onLookup(int hops) {
                lookups.record(hops);
              }
            });

    gauge(
        "flowchain.ring.member",
        "1 while this node is an active member of the ring",
        s -> s.member() ? 1 : 0);
    gauge(
        "flowchain.ring.size.estimate",
        "Ring size estimated from the span of the successor list",
        RingSample::sizeEstimate);
    gauge(
        "flowchain.ring.peers.known",
        "Distinct other members this node knows (predecessor, successors, fingers)",
        RingSample::knownPeers);
    chordFailures("successor", RingSample::successorFailures);
    chordFailures("predecessor", RingSample::predecessorFailures);
    chordFailures("lookup_timeout", RingSample::lookupsTimedOut);
    chordFailures("hop_timeout", RingSample::hopTimeouts);

    blocksMined =
        Counter.builder("flowchain.blocks.mined")
            .description("Blocks this node mined since it started")
            .register(registry);
    for (InvalidReason r : InvalidReason.values()) {
      invalidated.put(
          r,
          Counter.builder("flowchain.blocks.invalidated")
              .description("Blocks closed to new records since start, by reason")
              .tag("reason", r.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    node.ledger()
        .addListener(
            new LedgerListener() {
              @Override
              public void onBlockMined(BlockHeader header) {
                if (!closed) {
                  blocksMined.increment();
                }
              }

              @Override
              public void onInvalidated(long no, InvalidReason reason) {
                if (!closed) {
                  invalidated.get(reason).increment();
                }
              }
            });
    Gauge.builder("flowchain.branch.height", node, n -> n.ledger().tip().no())
        .description("Number of the newest block of this node's branch")
        .register(registry);
    Gauge.builder(
            "flowchain.branch.valid.block", node, n -> n.ledger().validBlock().isPresent() ? 1 : 0)
        .description("1 while the branch has a valid block that takes records")
        .register(registry);

    if (node.store() instanceof RocksDbStore rocks) {
      bindStore(rocks.stats());
    }
    this.sampler =
        node.scheduler()
            .scheduleAtFixedRate(
                0,
                SAMPLE_MILLIS,
                () -> {
                  if (!closed && !node.isClosed()) {
                    ring = RingSample.of(node.chord(), node.chord().isActive());
                  }
                });
  }

  /**
   * The metrics of {@code node}. Its own RocksDB store, if it has one, is bound too; bind a store
   * given to the builder with {@link #bindStore} and each transport with {@link #bindTransport}.
   */
  public static NodeMetrics of(FlowchainNode node) {
    return new NodeMetrics(node);
  }

  /** Follows the group commit of a RocksDB store: batch sizes, synced-write latency, writes. */
  public NodeMetrics bindStore(StoreStats stats) {
    synchronized (stores) {
      if (stores.contains(stats)) {
        return this;
      }
      if (!stores.isEmpty()) {
        throw new IllegalStateException("a store is bound already");
      }
      stores.add(stats);
    }
    DistributionSummary batchSize =
        DistributionSummary.builder("flowchain.store.batch.size")
            .description("Writes per synced batch of the branch's store (group commit)")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096)
            .register(registry);
    Timer sync =
        Timer.builder("flowchain.store.sync")
            .description("Synced write (WAL append and fsync) of one batch of the branch's store")
            .serviceLevelObjectives(
                micros(
                    100, 250, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000,
                    500_000, 1_000_000))
            .register(registry);
    counter(
        "flowchain.store.writes",
        "Writes made durable by the branch's store",
        stats,
        StoreStats::writes);
    stats.observe(
        (writes, nanos) -> {
          batchSize.record(writes);
          sync.record(nanos, TimeUnit.NANOSECONDS);
        });
    return this;
  }

  /**
   * Follows a transport's counters: {@code counters} gives them by name, as {@code
   * TransportStats.snapshot()} of flowchain-net does ({@code connectionsOpen}, {@code
   * connectionsOpened}, {@code sent}, {@code received}, {@code refused}, {@code refusalsReceived},
   * {@code handshakes}, {@code droppedQueueFull}, {@code droppedUnreachable}, {@code
   * droppedOversized}, {@code droppedInbound}); names it does not give read as 0.
   *
   * @param transport the label of the series, e.g. {@code websocket} or {@code coap}
   */
  public NodeMetrics bindTransport(String transport, Supplier<Map<String, Long>> counters) {
    if (transport == null || !transport.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("transport label must be [a-z][a-z0-9_]*: " + transport);
    }
    ToDoubleFunction<String> value =
        name -> {
          Long v = counters.get().get(name);
          return v == null ? 0 : v;
        };
    Gauge.builder("flowchain.transport.connections", "connectionsOpen", value)
        .description("Connections (or CoAP sessions) open now")
        .tag("transport", transport)
        .register(registry);
    transportCounter(
        "flowchain.transport.connections.opened",
        "Connections (or CoAP sessions) opened since start",
        transport,
        value,
        "connectionsOpened",
        null);
    transportCounter(
        "flowchain.transport.messages",
        "Chord frames written to or accepted from the network",
        transport,
        value,
        "sent",
        "direction=sent");
    transportCounter(
        "flowchain.transport.messages",
        "Chord frames written to or accepted from the network",
        transport,
        value,
        "received",
        "direction=received");
    transportCounter(
        "flowchain.transport.handshakes",
        "Handshakes that authenticated a peer",
        transport,
        value,
        "handshakes",
        null);
    transportCounter(
        "flowchain.peers.refused",
        "Refusals sent: peers or frames this node would not act on",
        transport,
        value,
        "refused",
        null);
    transportCounter(
        "flowchain.transport.refusals.received",
        "Refusals received from peers",
        transport,
        value,
        "refusalsReceived",
        null);
    transportCounter(
        "flowchain.transport.dropped",
        "Messages dropped, by reason",
        transport,
        value,
        "droppedQueueFull",
        "reason=queue_full");
    transportCounter(
        "flowchain.transport.dropped",
        "Messages dropped, by reason",
        transport,
        value,
        "droppedUnreachable",
        "reason=unreachable");
    transportCounter(
        "flowchain.transport.dropped",
        "Messages dropped, by reason",
        transport,
        value,
        "droppedOversized",
        "reason=oversized");
    transportCounter(
        "flowchain.transport.dropped",
        "Messages dropped, by reason",
        transport,
        value,
        "droppedInbound",
        "reason=inbound_overload");
    return this;
  }

  /** The metrics in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** The registry, to add meters of the embedding application. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Live: the node is not closed and its thread sampled the ring within the last 15 s. Ready: live,
   * a member of the ring, with a valid block, and its store takes writes.
   */
  public Health health() {
    List<String> reasons = new ArrayList<>();
    boolean live = true;
    RingSample r = ring;
    if (node.isClosed()) {
      live = false;
      reasons.add("the node is closed");
    } else if (r != RingSample.NONE && System.nanoTime() - r.sampledAtNanos() > STALL_NANOS) {
      live = false;
      reasons.add("the node's thread has not run its timers for more than 15 s");
    }
    if (!r.member()) {
      reasons.add("not a member of the ring (yet)");
    }
    if (node.ledger().validBlock().isEmpty()) {
      reasons.add("no valid block: records cannot be taken until one is mined");
    }
    if (node.store() instanceof RocksDbStore rocks && !rocks.isWritable()) {
      reasons.add("the store is closed or a write to it failed");
    }
    return new Health(live, live && reasons.isEmpty(), reasons);
  }

  /** Stops the sampler and the observers; the registry keeps its last values. */
  @Override
  public void close() {
    closed = true;
    sampler.cancel();
    node.stats().observePutLatency(null);
    node.chord().stats().observeHops(null);
    synchronized (stores) {
      stores.forEach(s -> s.observe(null));
    }
    registry.close();
  }

  // ---- helpers

  private <T> void counter(
      String name, String help, T source, java.util.function.ToLongFunction<T> f) {
    FunctionCounter.builder(name, source, s -> f.applyAsLong(s))
        .description(help)
        .register(registry);
  }

  private void refused(
      String reason, NodeStats stats, java.util.function.ToLongFunction<NodeStats> f) {
    FunctionCounter.builder("flowchain.requests.refused", stats, s -> f.applyAsLong(s))
        .description("Submissions this node refused as a recorder, by reason")
        .tag("reason", reason)
        .register(registry);
  }

  private void batches(
      String kind, NodeStats stats, java.util.function.ToLongFunction<NodeStats> f) {
    FunctionCounter.builder("flowchain.replication.batches", stats, s -> f.applyAsLong(s))
        .description(
            "Batches of copies sent to the replica set (sent, resent, abandoned) or handed off (transfer)")
        .tag("kind", kind)
        .register(registry);
  }

  private void rejected(
      String reason, NodeStats stats, java.util.function.ToLongFunction<NodeStats> f) {
    FunctionCounter.builder("flowchain.messages.rejected", stats, s -> f.applyAsLong(s))
        .description("Ledger messages dropped: not well-formed, or answers that did not verify")
        .tag("reason", reason)
        .register(registry);
  }

  private DistributionSummary hops(String kind) {
    return DistributionSummary.builder("flowchain.route.hops")
        .description(
            "Hops of Chord routes: messages handed to their key's owner from here, lookups started here")
        .tag("kind", kind)
        .serviceLevelObjectives(1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32)
        .register(registry);
  }

  private void gauge(String name, String help, ToDoubleFunction<RingSample> f) {
    Gauge.builder(name, this, m -> f.applyAsDouble(m.ring)).description(help).register(registry);
  }

  private void chordFailures(String kind, java.util.function.ToLongFunction<RingSample> f) {
    FunctionCounter.builder("flowchain.chord.failures", this, m -> f.applyAsLong(m.ring))
        .description(
            "Chord failures seen by this node: neighbours declared dead, unanswered lookups and hops")
        .tag("kind", kind)
        .register(registry);
  }

  private void transportCounter(
      String name,
      String help,
      String transport,
      ToDoubleFunction<String> value,
      String key,
      String tag) {
    FunctionCounter.Builder<String> b =
        FunctionCounter.builder(name, key, value).description(help).tag("transport", transport);
    if (tag != null) {
      String[] kv = tag.split("=", 2);
      b.tag(kv[0], kv[1]);
    }
    b.register(registry);
  }

  private static Duration[] micros(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(values[i] * 1_000);
    }
    return out;
  }
}
