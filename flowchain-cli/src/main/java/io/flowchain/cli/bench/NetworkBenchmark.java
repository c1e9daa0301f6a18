package io.flowchain.cli.bench;

import io.flowchain.cli.FlowchainCommand;
import io.flowchain.cli.net.SocketNode;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.net.NetConfig;
import io.flowchain.net.WebSocketTransport;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.AckPolicy;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.RemoteClient;
import io.flowchain.node.message.Receipt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code flowchain bench network}: put-to-receipt throughput and latency of a network on loopback,
 * through its sockets. Readings are submitted at random nodes; each goes to the successor of its
 * key over WebSocket, is recorded there (durably), copied to the next two successors, and the
 * signed receipt comes back and is checked. By default the nodes are {@link SocketNode}s in this
 * process (each with its own port, thread and stores; they talk only through their sockets) and the
 * readings are handed to them in process; with {@code processes} every node is a {@code flowchain
 * node start} process and the readings come from clients in this process, one per node, over
 * WebSocket as well.
 *
 * <p>Phases: the ring forms; a closed loop with {@code window} readings in flight (after a
 * warm-up); an open loop paced at half the rate reached (latency from each reading's scheduled
 * time); then one node crashes, and the benchmark measures when its neighbours declared it dead (in
 * process only) and when the keys it owned were served again: the first acknowledged write, and the
 * first read of a reading acknowledged before the crash, among probes started every 50 ms after the
 * crash.
 */
public final class NetworkBenchmark {
  private static final long WAIT_MS = 120_000;

  /** Copies of each record (the nodes' default r). */
  private static final int REPLICAS = NodeConfig.defaults().replicas();

  /** Records of the crashed node's ranges checked for their copies after the crash. */
  private static final int COPY_SAMPLE = 500;

  /** What to run. */
  public record Options(
      int nodes,
      double seconds,
      int window,
      int payloadBytes,
      boolean memory,
      boolean processes,
      AckPolicy ackPolicy,
      boolean failure) {}

  private final Options o;
  private final IngestBenchmark payloads;

  public NetworkBenchmark(Options options) {
    if (options.nodes() < 1 || options.nodes() > 64) {
      throw new IllegalArgumentException("--nodes must be 1..64: " + options.nodes());
    }
    if (options.seconds() <= 0) {
      throw new IllegalArgumentException("--seconds must be positive");
    }
    if (options.window() < 1) {
      throw new IllegalArgumentException("--window must be at least 1");
    }
    if (options.processes() && options.memory()) {
      throw new IllegalArgumentException("node processes keep their data in RocksDB: no --memory");
    }
    this.o = options;
    this.payloads = new IngestBenchmark(1, options.payloadBytes(), null);
  }

  /** Where readings enter the network: one node (in process) or a client of one node. */
  private interface Entry {
    CompletableFuture<Receipt> submit(Submission s);

    CompletableFuture<Optional<Record>> get(Key key);
  }

  /** The nodes of the run and how to reach them. */
  private interface Cluster extends AutoCloseable {
    List<Entry> entries();

    List<Peer> peers();

    /** Crashes node {@code i}. */
    void crash(int i) throws Exception;

    /** Whether the neighbours of crashed node {@code i} no longer list it; null if unknown. */
    Boolean failureDetected(int i);

    /**
     * For each record of {@code sample}, how many running nodes hold it (in their branch or as a
     * copy); null if unknown.
     */
    int[] holders(List<TxId> sample);

    @Override
    void close();
  }

  /** Runs every phase and returns the figures, in the order they are printed. */
  public Map<String, Object> run(java.util.function.Consumer<String> progress) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    Path work = Files.createTempDirectory("flowchain-bench-network-");
    SplittableRandom random = new SplittableRandom();
    NodeKeyPair admin = NodeKeyPair.generate(random);
    NetworkParams params =
        NetworkParams.of("bench", SystemClock.INSTANCE.nowMillis(), List.of(admin.publicKey()));
    progress.accept("starting " + o.nodes() + " nodes");
    long t0 = System.nanoTime();
    try (Cluster cluster =
        o.processes()
            ? processes(work, params, admin, random)
            : inProcess(work, params, admin, random)) {
      out.put("nodes", o.nodes());
      out.put("mode", o.processes() ? "processes" : "in-process");
      out.put("transport", "websocket");
      out.put("storage", o.memory() ? "memory" : "rocksdb");
      out.put("ackPolicy", o.ackPolicy().name());
      out.put("replicas", REPLICAS);
      out.put("payloadBytes", o.payloadBytes());
      out.put("window", o.window());
      out.put("ringFormedSeconds", round((System.nanoTime() - t0) / 1e9));

      progress.accept("closed loop, " + o.window() + " in flight");
      Load full = closedLoop(cluster.entries(), random, o.seconds());
      out.put("recordsPerSecond", round(full.perSecond()));
      out.put("p50Ms", ms(full.latency, 50));
      out.put("p99Ms", ms(full.latency, 99));
      out.put("p999Ms", ms(full.latency, 99.9));
      out.put("maxMs", round(full.latency.getMaxValue() / 1000.0));
      out.put("acknowledged", full.acknowledged);
      out.put("failed", full.failed);
      out.put("seconds", round(full.seconds));
      if (!o.processes() && full.cpuNanos >= 0 && full.acknowledged > 0) {
        // the whole network's CPU time (every node is in this process) per acknowledged reading
        out.put("cpuMicrosPerRecord", round(full.cpuNanos / 1000.0 / full.acknowledged));
      }

      double half = full.perSecond() / 2;
      progress.accept(String.format(java.util.Locale.ROOT, "open loop at %.0f/s", half));
      Load paced = openLoop(cluster.entries(), random, o.seconds(), half);
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("rate", round(half));
      h.put("recordsPerSecond", round(paced.perSecond()));
      h.put("p50Ms", ms(paced.latency, 50));
      h.put("p99Ms", ms(paced.latency, 99));
      h.put("p999Ms", ms(paced.latency, 99.9));
      h.put("maxMs", round(paced.latency.getMaxValue() / 1000.0));
      h.put("failed", paced.failed);
      out.put("halfRate", h);

      if (o.failure() && o.nodes() >= 2) {
        progress.accept("crashing a node");
        out.put("failure", failure(cluster, full.receipts, random));
      }
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("java", System.getProperty("java.version"));
      return out;
    } finally {
      DataDir.deleteTree(work);
    }
  }

  // ---- load

  /** What one load phase measured. */
  private record Load(
      Histogram latency,
      long acknowledged,
      long failed,
      double seconds,
      long cpuNanos,
      List<Receipt> receipts) {
    double perSecond() {
      return acknowledged / seconds;
    }
  }

  private Submission reading(SplittableRandom random, long seq) {
    return Submission.of(
        "sensor-" + (seq % 16),
        "application/json",
        payloads.payload(random, seq),
        System.currentTimeMillis(),
        random);
  }

  /** {@code window} readings in flight, each at a random entry; a warm-up, then {@code seconds}. */
  private Load closedLoop(List<Entry> entries, SplittableRandom random, double seconds)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(o.window());
    ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicLong counting = new AtomicLong(Long.MAX_VALUE);
    ConcurrentLinkedQueue<Receipt> sample = new ConcurrentLinkedQueue<>();
    AtomicInteger sampled = new AtomicInteger();
    long warmup = (long) Math.min(3e9, seconds * 0.3e9);
    long start = System.nanoTime();
    long end = start + warmup + (long) (seconds * 1e9);
    long cpu0 = -1;
    long seq = 0;
    while (System.nanoTime() < end) {
      if (cpu0 < 0 && System.nanoTime() - start >= warmup) {
        counting.set(System.nanoTime());
        cpu0 = IngestBenchmark.processCpuNanos();
      }
      if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      Submission s = reading(random, seq++);
      Entry e = entries.get(random.nextInt(entries.size()));
      long sent = System.nanoTime();
      e.submit(s)
          .whenComplete(
              (r, error) -> {
                long now = System.nanoTime();
                if (error == null) {
                  if (sent >= counting.get() && now <= end) {
                    acked.increment();
                    latency.recordValue(Math.max(0, (now - sent) / 1000));
                    // counted apart: the queue's size() walks the whole queue
                    if (sampled.getAndIncrement() < 20_000) {
                      sample.add(r);
                    }
                  }
                } else {
                  failed.increment();
                }
                inFlight.release();
              });
    }
    long measuredFrom = counting.get();
    long cpu1 = IngestBenchmark.processCpuNanos();
    inFlight.acquire(o.window()); // let the last ones finish before the next phase
    inFlight.release(o.window());
    double s = (end - measuredFrom) / 1e9;
    long cpu = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
    return new Load(latency, acked.sum(), failed.sum(), s, cpu, new ArrayList<>(sample));
  }

  /** Readings at {@code rate} per second, latency from each one's scheduled time. */
  private Load openLoop(List<Entry> entries, SplittableRandom random, double seconds, double rate)
      throws InterruptedException {
    ConcurrentHistogram latency = new ConcurrentHistogram(3_600_000_000L, 3);
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    LongAdder pending = new LongAdder();
    double interval = 1e9 / Math.max(1, rate);
    long start = System.nanoTime();
    long total = (long) (seconds * rate);
    for (long i = 0; i < total; i++) {
      long scheduled = start + (long) (i * interval);
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Submission s = reading(random, i);
      Entry e = entries.get(random.nextInt(entries.size()));
      pending.increment();
      e.submit(s)
          .whenComplete(
              (r, error) -> {
                if (error == null) {
                  acked.increment();
                  latency.recordValue(Math.max(0, (System.nanoTime() - scheduled) / 1000));
                } else {
                  failed.increment();
                }
                pending.decrement();
              });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (pending.sum() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    double s = (System.nanoTime() - start) / 1e9;
    return new Load(latency, acked.sum(), failed.sum(), s, -1, List.of());
  }

  // ---- failure

  private Map<String, Object> failure(
      Cluster cluster, List<Receipt> before, SplittableRandom random) throws Exception {
    List<Peer> peers = cluster.peers();
    List<Integer> ring = new ArrayList<>();
    for (int i = 0; i < peers.size(); i++) {
      ring.add(i);
    }
    ring.sort(Comparator.comparing(i -> peers.get(i).id()));
    int victim = peers.size() - 1;
    int at = ring.indexOf(victim);
    KeyRange range =
        new KeyRange(
            peers.get(ring.get((at + ring.size() - 1) % ring.size())).id(), peers.get(victim).id());
    Receipt old = null;
    for (Receipt r : before) {
      if (range.contains(r.dataKey())) {
        old = r;
        break;
      }
    }
    // a sample of the records the victim held a copy of: the keys of its range and of its r - 1
    // predecessors' ranges, whose copies the ring must make again elsewhere; the latest, placed
    // by the final ring alone (earlier ones may have extra copies from while it formed)
    int copies = Math.min(REPLICAS, peers.size() - 1);
    KeyRange held =
        new KeyRange(
            peers.get(ring.get((at + ring.size() - REPLICAS) % ring.size())).id(),
            peers.get(victim).id());
    List<TxId> sample = new ArrayList<>();
    for (int k = before.size() - 1; k >= 0 && sample.size() < COPY_SAMPLE; k--) {
      if (peers.size() <= REPLICAS || held.contains(before.get(k).dataKey())) {
        sample.add(before.get(k).txId());
      }
    }
    List<Entry> survivors = new ArrayList<>(cluster.entries());
    survivors.remove(victim);
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("crashed", peers.get(victim).toString());

    long crashAt = System.nanoTime();
    cluster.crash(victim);
    AtomicLong writeAt = new AtomicLong(-1);
    AtomicLong readAt = new AtomicLong(-1);
    long detectedAt = -1;
    long restoredAt = peers.size() > REPLICAS && !sample.isEmpty() ? -1 : -2;
    long nextCount = crashAt;
    AtomicBoolean stop = new AtomicBoolean();
    Receipt known = old;
    Thread probes =
        new Thread(
            () -> {
              SplittableRandom r = random.split();
              long seq = 0;
              while (!stop.get()) {
                Submission s;
                do {
                  s = reading(r, seq++);
                } while (!range.contains(s.dataKey()));
                Entry e = survivors.get(r.nextInt(survivors.size()));
                e.submit(s)
                    .whenComplete(
                        (ok, error) -> {
                          if (error == null) {
                            writeAt.compareAndSet(-1, System.nanoTime());
                          }
                        });
                if (known != null) {
                  e.get(known.dataKey())
                      .whenComplete(
                          (rec, error) -> {
                            if (error == null
                                && rec.isPresent()
                                && rec.get().txId().equals(known.txId())) {
                              readAt.compareAndSet(-1, System.nanoTime());
                            }
                          });
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
              }
            },
            "failure-probes");
    probes.setDaemon(true);
    probes.start();
    long deadline = crashAt + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (detectedAt < 0) {
        Boolean d = cluster.failureDetected(victim);
        if (d == null || d) {
          detectedAt = d == null ? -2 : System.nanoTime();
        }
      }
      if (restoredAt == -1 && System.nanoTime() >= nextCount) {
        int[] holders = cluster.holders(sample);
        if (holders == null) {
          restoredAt = -2;
        } else if (Arrays.stream(holders).allMatch(h -> h >= copies)) {
          restoredAt = System.nanoTime();
        }
        nextCount = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      }
      if (detectedAt != -1
          && restoredAt != -1
          && writeAt.get() >= 0
          && (known == null || readAt.get() >= 0)) {
        break;
      }
      Thread.sleep(10);
    }
    stop.set(true);
    probes.join(10_000);
    f.put("detectedMs", detectedAt >= 0 ? Math.round((detectedAt - crashAt) / 1e6) : null);
    f.put(
        "writesServedAgainMs",
        writeAt.get() >= 0 ? Math.round((writeAt.get() - crashAt) / 1e6) : null);
    f.put(
        "readsServedAgainMs",
        readAt.get() >= 0 ? Math.round((readAt.get() - crashAt) / 1e6) : null);
    f.put("copiesRestoredMs", restoredAt >= 0 ? Math.round((restoredAt - crashAt) / 1e6) : null);
    f.put("copiesSampled", sample.size());
    return f;
  }

  // ---- the clusters

  private static NodeCredentials credentials(
      NodeKeyPair admin, Hash genesis, NodeKeyPair keys, long now) {
    return new NodeCredentials(
        keys,
        MembershipCertificate.issue(
            admin, genesis, keys.publicKey(), now - 60_000, now + 86_400_000L, List.of()));
  }

  private Cluster inProcess(
      Path work, NetworkParams params, NodeKeyPair admin, SplittableRandom random)
      throws Exception {
    Hash genesis = Genesis.of(params).hash();
    long now = SystemClock.INSTANCE.nowMillis();
    List<SocketNode> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < o.nodes(); i++) {
        SocketNode.Options opts =
            new SocketNode.Options()
                .network(params)
                .credentials(credentials(admin, genesis, NodeKeyPair.generate(random), now))
                .config(SocketNode.defaultConfig().withAckPolicy(o.ackPolicy()))
                .join(i == 0 ? null : nodes.get(0).peer());
        if (!o.memory()) {
          opts.dataDir(work.resolve("node-" + i));
        }
        nodes.add(SocketNode.start(opts));
        if (i == 0) {
          nodes.get(0).node().started().get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
      }
      for (SocketNode n : nodes) {
        n.node().started().get(WAIT_MS, TimeUnit.MILLISECONDS);
      }
      awaitRing(nodes);
    } catch (Exception e) {
      nodes.forEach(SocketNode::crash);
      throw e;
    }
    List<Entry> entries = new ArrayList<>();
    for (SocketNode n : nodes) {
      entries.add(
          new Entry() {
            @Override
            public CompletableFuture<Receipt> submit(Submission s) {
              return n.node().submit(s);
            }

            @Override
            public CompletableFuture<Optional<Record>> get(Key key) {
              return n.node().get(key);
            }
          });
    }
    return new Cluster() {
      @Override
      public List<Entry> entries() {
        return entries;
      }

      @Override
      public List<Peer> peers() {
        return nodes.stream().map(SocketNode::peer).toList();
      }

      @Override
      public void crash(int i) {
        nodes.get(i).crash();
      }

      @Override
      public Boolean failureDetected(int i) {
        Peer dead = nodes.get(i).peer();
        for (SocketNode n : nodes) {
          if (n.stopped()) {
            continue;
          }
          boolean still =
              n.onNodeThread(
                  () ->
                      n.node().chord().successor().equals(dead)
                          || n.node().chord().predecessor().map(dead::equals).orElse(false));
          if (still) {
            return false;
          }
        }
        return true;
      }

      @Override
      public int[] holders(List<TxId> sample) {
        int[] count = new int[sample.size()];
        for (SocketNode n : nodes) {
          if (n.stopped()) {
            continue;
          }
          boolean[] holds;
          try {
            holds =
                n.onNodeThread(
                    () -> {
                      boolean[] h = new boolean[sample.size()];
                      for (int k = 0; k < h.length; k++) {
                        TxId tx = sample.get(k);
                        h[k] =
                            n.node().replicaStore().contains(tx)
                                || n.store().record(tx).isPresent();
                      }
                      return h;
                    });
          } catch (RuntimeException busy) {
            continue; // its thread did not answer in time: counted next round
          }
          for (int k = 0; k < holds.length; k++) {
            count[k] += holds[k] ? 1 : 0;
          }
        }
        return count;
      }

      @Override
      public void close() {
        nodes.forEach(SocketNode::crash);
      }
    };
  }

  /** Waits until every node's successor is the next node in id order. */
  static void awaitRing(List<SocketNode> nodes) throws Exception {
    List<SocketNode> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(n -> n.peer().id()));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (true) {
      boolean ok = true;
      for (int k = 0; k < sorted.size() && ok; k++) {
        SocketNode n = sorted.get(k);
        Peer next = sorted.get((k + 1) % sorted.size()).peer();
        ok = n.onNodeThread(() -> n.node().chord().successor().equals(next));
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ring did not form within " + WAIT_MS / 1000 + " s");
      }
      Thread.sleep(50);
    }
  }

  private Cluster processes(
      Path work, NetworkParams params, NodeKeyPair admin, SplittableRandom random)
      throws Exception {
    Hash genesis = Genesis.of(params).hash();
    long now = SystemClock.INSTANCE.nowMillis();
    Path networkFile = work.resolve("network.json");
    Files.writeString(networkFile, NetworkJson.toJson(params, null).toPrettyString());
    List<Process> procs = new ArrayList<>();
    List<Peer> peers = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    NetworkTrust trust = NetworkTrust.of(params, SystemClock.INSTANCE);
    List<RemoteClient> clients = new ArrayList<>();
    List<AutoCloseable> toClose = new ArrayList<>();
    try {
      for (int i = 0; i < o.nodes(); i++) {
        NodeKeyPair keys = NodeKeyPair.generate(random);
        Path key = work.resolve("node-" + i + ".pem");
        KeyFiles.writeKeyPair(key, keys);
        Path cert = work.resolve("node-" + i + ".cert.json");
        CertificateJson.write(cert, credentials(admin, genesis, keys, now).certificate());
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path")));
        cmd.add(FlowchainCommand.class.getName());
        cmd.addAll(
            List.of(
                "node",
                "start",
                "--port",
                String.valueOf(port),
                "--data-dir",
                work.resolve("node-" + i).toString(),
                "--network",
                networkFile.toString(),
                "--key",
                key.toString(),
                "--cert",
                cert.toString()));
        Peer peer = new Peer(keys.nodeId(), "ws://127.0.0.1:" + port);
        if (i > 0) {
          cmd.add("--join");
          cmd.add(peers.get(0).id().toHex() + "@" + peers.get(0).address());
        }
        Path log = work.resolve("node-" + i + ".log");
        logs.add(log);
        procs.add(
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        peers.add(peer);
        awaitMember(log, procs.get(i));
      }
      // one client per node, each with a certificate of its own
      for (int i = 0; i < o.nodes(); i++) {
        NodeKeyPair keys = NodeKeyPair.generate(random);
        ExecutorScheduler scheduler = new ExecutorScheduler("bench-client-" + i);
        WebSocketTransport t =
            new WebSocketTransport(
                credentials(admin, genesis, keys, now),
                trust,
                scheduler,
                "127.0.0.1",
                0,
                NetConfig.defaults());
        t.start();
        RemoteClient c =
            new RemoteClient(t, scheduler, peers.get(i), io.flowchain.node.NodeConfig.defaults());
        clients.add(c);
        toClose.add(c);
        toClose.add(t);
        toClose.add(scheduler);
      }
      Thread.sleep(2_000); // let stabilization settle the ring (no view into the processes)
    } catch (Exception e) {
      procs.forEach(Process::destroyForcibly);
      closeAll(toClose);
      throw e;
    }
    List<Entry> entries = new ArrayList<>();
    for (RemoteClient c : clients) {
      entries.add(
          new Entry() {
            @Override
            public CompletableFuture<Receipt> submit(Submission s) {
              return c.submit(s);
            }

            @Override
            public CompletableFuture<Optional<Record>> get(Key key) {
              return c.get(key);
            }
          });
    }
    return new Cluster() {
      @Override
      public List<Entry> entries() {
        return entries;
      }

      @Override
      public List<Peer> peers() {
        return peers;
      }

      @Override
      public void crash(int i) throws InterruptedException {
        procs.get(i).destroyForcibly();
        procs.get(i).waitFor(30, TimeUnit.SECONDS);
      }

      @Override
      public Boolean failureDetected(int i) {
        return null; // the processes' rings are not visible from here
      }

      @Override
      public int[] holders(List<TxId> sample) {
        return null; // nor are their stores
      }

      @Override
      public void close() {
        closeAll(toClose);
        procs.forEach(Process::destroyForcibly);
        for (Process p : procs) {
          try {
            p.waitFor(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
  }

  private static void closeAll(List<AutoCloseable> all) {
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        // closing what is left of a failed start
      }
    }
  }

  private static void awaitMember(Path log, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains("member of the ring as")) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("a node process exited:\n" + text);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("a node process did not join within " + WAIT_MS / 1000 + " s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double ms(Histogram h, double percentile) {
    return round(h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
