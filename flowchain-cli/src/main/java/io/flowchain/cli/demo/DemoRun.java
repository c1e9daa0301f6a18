package io.flowchain.cli.demo;

import io.flowchain.cli.net.SocketNode;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.Inventory;
import io.flowchain.core.inventory.MergedChain;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.dht.Peer;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.collect.BranchCollector;
import io.flowchain.node.message.Receipt;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.wot.WotConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The demo: {@code nodes} Flowchain nodes in this process, each a {@link SocketNode} on its own
 * WebSocket port on 127.0.0.1 with its membership certificate, its branch and copies in RocksDB
 * under a temporary directory. They form a Chord ring over those sockets; simulated sensors submit
 * readings at random nodes, each reading is routed to the successor of its data key, recorded in
 * that node's valid block, copied to the next two successors and acknowledged with a signed
 * receipt. A third of the way in, one node crashes (its thread stops and its sockets close without
 * a word to the ring); two thirds in, it restarts on its data directory and joins again. Halfway,
 * node 0's open block turns invalid (a low-battery warning). At the end every acknowledged reading
 * is read back from the ring, every branch is verified, and the administrator collects every branch
 * over the network (BRANCH pages through node 0), merges them into one signed chain and audits it.
 * An endpoint subscribed to every object approves every reading forwarded to it (and, at the end,
 * any acknowledged reading it has not seen verified); each verified reading is one Flowcoin of its
 * recorder.
 */
public final class DemoRun {
  /** How long to wait for a node to mine and join, or for the sealing blocks. */
  private static final long WAIT_MS = 120_000;

  /** Readings in flight at once. */
  private static final int WINDOW = 64;

  /** How often one reading is handed to another node after its request failed. */
  private static final int RESUBMISSIONS = 5;

  private final int nodeCount;
  private final int records;
  private final int objects;
  private final long tickMillis;
  private final int attemptsPerTick;
  private final SplittableRandom random;
  private final Path outDir;
  private Consumer<String> announce = line -> {};
  private Hold hold;

  /** What to do once the run is over, while the network is up again (see {@link #keepRunning}). */
  @FunctionalInterface
  public interface Hold {
    /**
     * Called with the run's summary and node 0's dashboard URL while every node is up; the nodes
     * stop when it returns.
     */
    void hold(DemoSummary summary, String dashboardUrl) throws InterruptedException;
  }

  public DemoRun(
      int nodeCount,
      int records,
      int objects,
      long tickMillis,
      int attemptsPerTick,
      long seed,
      Path outDir) {
    if (nodeCount < 1 || nodeCount > 64) {
      throw new IllegalArgumentException("--nodes must be 1..64: " + nodeCount);
    }
    if (records < 0) {
      throw new IllegalArgumentException("--records must not be negative: " + records);
    }
    if (objects < 1) {
      throw new IllegalArgumentException("--objects must be at least 1: " + objects);
    }
    this.nodeCount = nodeCount;
    this.records = records;
    this.objects = objects;
    this.tickMillis = tickMillis;
    this.attemptsPerTick = attemptsPerTick;
    this.random = new SplittableRandom(seed);
    this.outDir = outDir;
  }

  /** Tells {@code lines} where node 0's web API is, once it is up. */
  public DemoRun announce(Consumer<String> lines) {
    this.announce = lines;
    return this;
  }

  /**
   * After the run and its audit, starts every node again on its data directory (node 0 on the same
   * web port, so the dashboard's URL stays the same), forms the ring, attaches the demo's endpoint
   * again (it approves every reading submitted meanwhile) and calls {@code hold}; the nodes stop
   * when it returns.
   */
  public DemoRun keepRunning(Hold hold) {
    this.hold = hold;
    return this;
  }

  /** One node of the demo across its incarnations. */
  private final class Machine {
    final int index;
    final NodeCredentials credentials;
    final Path dataDir;
    int port;
    int httpPort;
    volatile SocketNode up;

    Machine(int index, NodeCredentials credentials, Path dataDir) {
      this.index = index;
      this.credentials = credentials;
      this.dataDir = dataDir;
    }

    SocketNode start(NetworkParams params, Peer join) {
      SocketNode n =
          SocketNode.start(
              new SocketNode.Options()
                  .network(params)
                  .credentials(credentials)
                  .port(port)
                  .dataDir(dataDir)
                  .join(join)
                  .web(WotConfig.defaults(httpPort, -1))
                  .mining(tickMillis, attemptsPerTick));
      port = n.port();
      httpPort = n.web().orElseThrow().httpPort();
      up = n;
      return n;
    }
  }

  /** Runs the demo; {@code progress} is told the number of readings acknowledged so far. */
  public DemoSummary run(IntConsumer progress)
      throws InterruptedException, TimeoutException, IOException {
    long started = System.nanoTime();
    Path work = Files.createTempDirectory("flowchain-demo-");
    List<Machine> machines = new ArrayList<>();
    try {
      NodeKeyPair admin = NodeKeyPair.generate(random);
      long now = SystemClock.INSTANCE.nowMillis();
      NetworkParams params = NetworkParams.of("demo", now, List.of(admin.publicKey()));
      Hash genesis = Genesis.of(params).hash();
      for (int i = 0; i < nodeCount; i++) {
        NodeKeyPair keys = NodeKeyPair.generate(random);
        MembershipCertificate cert =
            MembershipCertificate.issue(
                admin, genesis, keys.publicKey(), now - 60_000, now + 86_400_000L, List.of());
        machines.add(new Machine(i, new NodeCredentials(keys, cert), work.resolve("node-" + i)));
      }

      // the ring: node 0 starts it, the others join through it once they have mined a block
      Machine seed = machines.get(0);
      await(seed.start(params, null).node().started(), "node 0 to start");
      seed.up
          .web()
          .ifPresent(
              w -> {
                announce.accept("dashboard: " + dashboard(seed));
                announce.accept("node 0 Thing Description: " + w.endpoints().nodeTd());
                announce.accept(
                    "node 0 web API: "
                        + w.endpoints().http()
                        + "/api/node (every node serves one; a device sends to "
                        + w.endpoints().ws()
                        + "/object/{id}/send)");
              });
      for (Machine m : machines.subList(1, machines.size())) {
        m.start(params, seed.up.peer());
      }
      for (Machine m : machines) {
        await(m.up.node().started(), "node " + m.index + " to join");
      }

      // an endpoint, certified by the administrator, approves every reading forwarded to it
      NodeKeyPair endpointKey = NodeKeyPair.generate(random);
      AutoApprover endpoint =
          new AutoApprover(
              endpointKey,
              ApproverCertificate.issue(
                  admin,
                  params,
                  endpointKey.publicKey(),
                  now - 60_000,
                  now + 86_400_000L,
                  List.of(ApproverCertificate.ENDPOINT_ROLE)));
      endpoint.attach(seed.up.node());
      long told = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
      while (seed.up.node().stats().subscriptionsAnnounced() < machines.size() - 1
          && System.nanoTime() < told) {
        Thread.sleep(10); // the subscription reaches every member (a ring walk on loopback)
      }

      Run run = new Run(machines, progress);
      Machine victim = machines.size() > 1 ? machines.get(machines.size() - 1) : null;
      String killed = null;
      for (int i = 0; i < records; i++) {
        if (victim != null && i == records / 3) {
          run.drain();
          endpoint.drain(WAIT_MS); // the victim's records are approved before it goes
          victim.up.crash();
          killed = victim.credentials.nodeId().toHex();
          victim.up = null;
        }
        if (victim != null && i == 2 * records / 3 && victim.up == null) {
          run.drain();
          SocketNode back = victim.start(params, seed.up.peer());
          await(back.node().started(), "the crashed node to restart and join");
        }
        if (i == records / 2) {
          seed.up.node().ledger().invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
        }
        run.submit(reading(i, SystemClock.INSTANCE.nowMillis()));
      }
      run.drain();
      if (victim != null && victim.up == null) { // too few readings to reach the restart
        await(victim.start(params, seed.up.peer()).node().started(), "the node to restart");
      }

      // every acknowledged reading, read back by its data key from a random node
      int retrievable = run.retrievable();

      // every acknowledged reading approved: those not forwarded, or whose approval failed, again
      endpoint.drain(WAIT_MS);
      Map<TxId, Key> acked = new HashMap<>();
      synchronized (run.acknowledged) {
        run.acknowledged.forEach(a -> acked.put(a.receipt().txId(), a.receipt().dataKey()));
      }
      endpoint.catchUp(acked, () -> run.someNode().node(), 3);

      // every node mines once more so that every block holding records is sealed
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
      for (Machine m : machines) {
        while (!allRecordsSealed(m.up)) {
          if (System.nanoTime() > deadline) {
            throw new TimeoutException("node " + m.index + " mined no block to seal its records");
          }
          Thread.sleep(20);
        }
      }
      // the administrator's inventory collects every branch over the network, through node 0
      BranchCollection collected = collectEveryBranch(seed, machines, params);
      for (Machine m : machines) {
        m.up.close();
      }
      DemoSummary summary =
          summarize(
              params,
              admin,
              machines,
              run,
              retrievable,
              endpoint.verified(),
              killed,
              collected,
              started);
      if (hold != null) {
        await(seed.start(params, null).node().started(), "node 0 to start again");
        for (Machine m : machines.subList(1, machines.size())) {
          m.start(params, seed.up.peer());
        }
        for (Machine m : machines) {
          await(m.up.node().started(), "node " + m.index + " to join again");
        }
        endpoint.attach(seed.up.node()); // readings submitted meanwhile are approved as they come
        hold.hold(summary, dashboard(seed));
      }
      return summary;
    } finally {
      for (Machine m : machines) {
        if (m.up != null) {
          m.up.close();
        }
      }
      DataDir.deleteTree(work);
    }
  }

  /** The readings in flight, their receipts and their failures. */
  private final class Run {
    final List<Machine> machines;
    final IntConsumer progress;
    final Semaphore window = new Semaphore(WINDOW);
    final List<Submitted> acknowledged = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failed = new AtomicInteger();
    final SplittableRandom pick;

    Run(List<Machine> machines, IntConsumer progress) {
      this.machines = machines;
      this.progress = progress;
      this.pick = random.split();
    }

    record Submitted(Submission submission, Receipt receipt) {}

    void submit(Submission s) throws InterruptedException {
      window.acquire();
      send(s, RESUBMISSIONS);
    }

    private void send(Submission s, int retriesLeft) {
      SocketNode entry = someNode();
      entry
          .node()
          .submit(s)
          .whenComplete(
              (r, e) -> {
                if (e == null) {
                  acknowledged.add(new Submitted(s, r));
                  window.release();
                  progress.accept(acknowledged.size());
                } else if (retriesLeft > 0) {
                  send(s, retriesLeft - 1); // recording is idempotent per data key
                } else {
                  failed.incrementAndGet();
                  window.release();
                }
              });
    }

    /** A random node that is up. */
    SocketNode someNode() {
      synchronized (pick) {
        while (true) {
          SocketNode n = machines.get(pick.nextInt(machines.size())).up;
          if (n != null && !n.stopped()) {
            return n;
          }
        }
      }
    }

    /** Waits until no reading is in flight. */
    void drain() throws InterruptedException {
      window.acquire(WINDOW);
      window.release(WINDOW);
    }

    /** How many acknowledged readings come back, with the same txID, from a random node. */
    int retrievable() throws InterruptedException {
      AtomicInteger found = new AtomicInteger();
      List<Submitted> all;
      synchronized (acknowledged) {
        all = new ArrayList<>(acknowledged);
      }
      for (Submitted a : all) {
        window.acquire();
        CompletableFuture<Optional<Record>> f = someNode().node().get(a.receipt().dataKey());
        f.whenComplete(
            (r, e) -> {
              if (e == null
                  && r.isPresent()
                  && r.get().txId().equals(a.receipt().txId())
                  && a.receipt().verify(r.get().submission())) {
                found.incrementAndGet();
              }
              window.release();
            });
      }
      drain();
      return found.get();
    }
  }

  private static String dashboard(Machine m) {
    return m.up.web().orElseThrow().endpoints().http() + "/";
  }

  /**
   * Collects every branch through {@code seed}, again (within {@link #WAIT_MS}) while a member is
   * missing: the ring walk sees the members node 0's ring knows, and a node restarted late in the
   * run may not be among them yet. The last collection is returned even if incomplete (the audit
   * then says what is missing) and the announcement names who is.
   */
  private BranchCollection collectEveryBranch(
      Machine seed, List<Machine> machines, NetworkParams params)
      throws InterruptedException, TimeoutException {
    Set<NodeId> everyone = new HashSet<>();
    machines.forEach(m -> everyone.add(m.up.node().id()));
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    while (true) {
      CompletableFuture<BranchCollection> collecting =
          seed.up.node().collectBranches(new BranchCollector.Listener() {});
      await(collecting, "the inventory's collection of every branch");
      BranchCollection c = collecting.join().verified(params, r -> {});
      Set<NodeId> got = new HashSet<>();
      c.from().forEach(p -> got.add(p.id()));
      if ((c.complete() && got.containsAll(everyone)) || System.nanoTime() > deadline) {
        if (!got.containsAll(everyone)) {
          announce.accept(
              "the inventory's collection is incomplete: missing "
                  + c.missing()
                  + ", refused "
                  + c.rejected());
        }
        return c;
      }
      Thread.sleep(500); // the ring is still taking a restarted member back
    }
  }

  private static void await(CompletableFuture<?> f, String what)
      throws InterruptedException, TimeoutException {
    try {
      f.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for " + what + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException("waited " + WAIT_MS / 1000 + " s for " + what);
    }
  }

  /**
   * Whether every record of {@code n} is sealed in its store (which its branch is collected from),
   * not only in its ledger: the sealing header is written to the store after it is mined.
   */
  private static boolean allRecordsSealed(SocketNode n) {
    return n.onNodeThread(
        () -> {
          if (!n.node().ledger().openBlocks().stream().allMatch(b -> b.records() == 0)) {
            return false;
          }
          LedgerStore store = n.store();
          long height = store.height();
          long sealed = store.header(height).map(h -> h.seal().sealedNo()).orElse(0L);
          for (long no = Math.max(1, sealed + 1); no <= height; no++) {
            if (!store.recordsInBlock(no).isEmpty()) {
              return false;
            }
          }
          return true;
        });
  }

  private Submission reading(int i, long now) {
    int device = i % objects;
    double temperature = 20 + 5 * Math.sin(i / 25.0 + device) + random.nextDouble(-0.5, 0.5);
    double humidity = 45 + 10 * Math.cos(i / 40.0 + device) + random.nextDouble(-1, 1);
    String json =
        String.format(
            Locale.ROOT,
            "{\"temperature\":%.2f,\"humidity\":%.1f,\"seq\":%d}",
            temperature,
            humidity,
            i);
    return Submission.of("sensor-" + device, "application/json", Bytes.utf8(json), now, random);
  }

  private DemoSummary summarize(
      NetworkParams params,
      NodeKeyPair admin,
      List<Machine> machines,
      Run run,
      int retrievable,
      int verified,
      String killed,
      BranchCollection collected,
      long started)
      throws IOException {
    BranchVerifier verifier = new BranchVerifier(params);
    List<DemoSummary.NodeSummary> per = new ArrayList<>();
    List<RocksDbStore> stores = new ArrayList<>();
    try {
      for (Machine m : machines) {
        stores.add(RocksDbStore.open(m.dataDir.resolve("ledger")));
      }
      long blocks = 0;
      long invalid = 0;
      long sealed = 0;
      long recorded = 0;
      long coins = 0;
      boolean ok = true;
      for (int i = 0; i < machines.size(); i++) {
        VerificationReport r = verifier.verify(BranchSource.of(stores.get(i)));
        per.add(
            new DemoSummary.NodeSummary(
                machines.get(i).credentials.nodeId().toHex(),
                r.blocks(),
                r.records(),
                r.invalidBlocks(),
                stores.get(i).approvalCount(),
                r.ok(),
                r.ok() ? null : r.fault().toString()));
        coins += stores.get(i).approvalCount();
        blocks += r.blocks();
        invalid += r.invalidBlocks();
        sealed += r.sealedRecords();
        recorded += r.records();
        ok &= r.ok();
      }
      // the inventory merges the branches collected over the network (snapshots taken once every
      // record was sealed), the nodes' own stores are checked above
      List<BranchSource> branches = new ArrayList<>(collected.branches());
      MergedChain merged = new Inventory(params, admin).merge(null, branches, m -> {}).chain();
      ChainAuditor.AuditReport audit = new ChainAuditor(params).audit(merged, branches, m -> {});
      String collectFault =
          collected.complete()
              ? null
              : "the inventory's collection is partial: missing "
                  + collected.missing()
                  + ", refused "
                  + collected.rejected();
      if (outDir != null) {
        List<DemoFiles.Branch> exported = new ArrayList<>();
        for (int i = 0; i < machines.size(); i++) {
          exported.add(new DemoFiles.Branch(machines.get(i).credentials.nodeId(), stores.get(i)));
        }
        DemoFiles.write(outDir, params, admin, exported, merged, branches);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      int acknowledged = run.acknowledged.size();
      return new DemoSummary(
          machines.size(),
          acknowledged,
          retrievable,
          acknowledged - retrievable,
          run.failed.get(),
          killed,
          recorded,
          blocks,
          invalid,
          sealed,
          merged.blocks().size(),
          merged.recordCount(),
          verified,
          coins,
          ok && audit.ok() && audit.coins() == coins && collectFault == null,
          !audit.ok()
              ? audit.fault()
              : collectFault != null
                  ? collectFault
                  : audit.coins() == coins
                      ? null
                      : "the audit counts " + audit.coins() + " coins, the stores " + coins,
          seconds,
          per);
    } finally {
      stores.forEach(RocksDbStore::close);
    }
  }
}
