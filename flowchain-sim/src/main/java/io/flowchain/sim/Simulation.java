package io.flowchain.sim;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A deterministic run of many real {@link ChordNode}s over a {@link SimNetwork} in virtual time.
 * All randomness comes from the seed: node identities, timer phases, latencies, losses, and the
 * experiment's own choices ({@link #random()}). Single-threaded.
 */
public final class Simulation {
  /** Virtual time 0 is this instant of the nodes' clocks (2020-01-01T00:00:00Z). */
  public static final long EPOCH_MILLIS = 1_577_836_800_000L;

  private final SimConfig config;
  private final EventLoop loop = new EventLoop();
  private final SimNetwork network;
  private final SplittableRandom identities;
  private final SplittableRandom nodeSeeds;
  private final SplittableRandom experimentRandom;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<String, SimNode> byAddress = new HashMap<>();
  private final List<long[]> successorFailures = new ArrayList<>();
  private Trace trace;

  public Simulation(SimConfig config) {
    this.config = config;
    SplittableRandom master = new SplittableRandom(config.seed());
    this.network = new SimNetwork(loop, master.split(), config.latency());
    this.identities = master.split();
    this.nodeSeeds = master.split();
    this.experimentRandom = master.split();
    network.setLossRate(config.lossRate());
  }

  public SimConfig config() {
    return config;
  }

  public EventLoop loop() {
    return loop;
  }

  public SimNetwork network() {
    return network;
  }

  /** The experiment's own seeded randomness (which keys, which victims). */
  public SplittableRandom random() {
    return experimentRandom;
  }

  /** Records the event trace from now on. */
  public void setTrace(Trace trace) {
    this.trace = trace;
    network.setTrace(trace);
  }

  public long nowMillis() {
    return loop.now();
  }

  /** A new machine with an Ed25519 identity (node id = SHA-1 of its public key); not started. */
  public SimNode addNode() {
    NodeKeyPair keys = NodeKeyPair.generate(identities);
    int index = nodes.size();
    SimNode n = new SimNode(index, new Peer(keys.nodeId(), "sim-" + index + ":7001"));
    nodes.add(n);
    byAddress.put(n.peer().address(), n);
    return n;
  }

  /** {@code count} new machines. */
  public List<SimNode> addNodes(int count) {
    List<SimNode> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(addNode());
    }
    return out;
  }

  public List<SimNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** The machine at {@code peer}'s address. */
  public SimNode nodeOf(Peer peer) {
    SimNode n = byAddress.get(peer.address());
    if (n == null) {
      throw new IllegalArgumentException("no such machine: " + peer);
    }
    return n;
  }

  /** The machines that are up and members of the ring. */
  public List<SimNode> members() {
    List<SimNode> out = new ArrayList<>();
    for (SimNode n : nodes) {
      if (n.isMember()) {
        out.add(n);
      }
    }
    return out;
  }

  /** The true ring of the current members. */
  public RingOracle oracle() {
    List<Peer> peers = new ArrayList<>();
    for (SimNode n : members()) {
      peers.add(n.peer());
    }
    return new RingOracle(peers);
  }

  private ChordNode boot(SimNode n) {
    if (n.up) {
      throw new IllegalStateException(n + " is already up");
    }
    NodeScheduler scheduler = new NodeScheduler(loop, EPOCH_MILLIS);
    ReplicatedStore store = new ReplicatedStore(config.replicas(), this::successorFailed, n);
    ChordNode chord =
        new ChordNode(
            network.attach(n.peer()),
            scheduler,
            new SplittableRandom(nodeSeeds.nextLong()),
            config.chord(),
            store);
    store.attach(chord);
    n.chord = chord;
    n.store = store;
    n.scheduler = scheduler;
    n.incarnation++;
    n.up = true;
    return chord;
  }

  /** Starts {@code n} as the first member of a new ring. */
  public void create(SimNode n) {
    boot(n).create();
    network.record("create", n.peer().address(), null, null);
  }

  /** Starts {@code n} and joins it through {@code via}. */
  public void join(SimNode n, SimNode via) {
    boot(n).join(via.peer());
    network.record("join", n.peer().address(), via.peer().address(), null);
  }

  /**
   * Starts every node in {@code ring} at once with the neighbours that a converged ring would give
   * it (its true predecessor and successor list). Fingers start empty and are built by the nodes'
   * own finger repair. This skips the joining phase of large experiments; the joins themselves are
   * exercised by {@link #join}.
   */
  public void bootstrapRing(List<SimNode> ring) {
    List<Peer> peers = new ArrayList<>();
    for (SimNode n : ring) {
      peers.add(n.peer());
    }
    RingOracle truth = new RingOracle(peers);
    int r = config.chord().successorListSize();
    for (SimNode n : ring) {
      Peer pred = truth.predecessorOf(n.peer());
      boot(n).bootstrap(pred.equals(n.peer()) ? null : pred, truth.successorsOf(n.peer(), r));
    }
    network.record("bootstrap", "-", null, ring.size() + " nodes");
  }

  /** Crashes {@code n}: no notice, its timers stop, messages to it are dropped. */
  public void kill(SimNode n) {
    if (!n.up) {
      return;
    }
    n.chord.stop();
    n.scheduler.halt();
    network.detach(n.peer().address());
    n.up = false;
    network.record("kill", n.peer().address(), null, null);
  }

  /** Starts a crashed or departed machine again (same id and address) and joins through via. */
  public void restart(SimNode n, SimNode via) {
    network.record("restart", n.peer().address(), null, null);
    join(n, via);
  }

  /** {@code n} leaves gracefully. */
  public void leave(SimNode n) {
    if (!n.up) {
      return;
    }
    n.chord.leave();
    n.scheduler.halt();
    network.detach(n.peer().address());
    n.up = false;
    network.record("leave", n.peer().address(), null, null);
  }

  public void runFor(long millis) {
    loop.runFor(millis);
  }

  /** Runs until {@code done} holds or {@code maxMillis} pass; returns whether it held. */
  public boolean runUntil(long maxMillis, BooleanSupplier done) {
    return loop.runUntil(loop.now() + maxMillis, done);
  }

  /** Starts a lookup at {@code from}. */
  public void lookup(SimNode from, RingId key, Consumer<LookupResult> callback) {
    from.chord.lookup(key, callback);
  }

  /** Whether every member's successor is its true successor. */
  public boolean successorsCorrect() {
    RingOracle truth = oracle();
    for (SimNode n : members()) {
      if (!n.chord.successor().equals(truth.successorOf(n.peer()))) {
        return false;
      }
    }
    return true;
  }

  /** The fraction of members' finger entries (all 160) that equal the true successor of start. */
  public double fingerAccuracy() {
    return RingChecks.fingerAccuracy(this);
  }

  private void successorFailed(SimNode detector, Peer failed) {
    successorFailures.add(new long[] {loop.now(), detector.index()});
    network.record("detect", detector.peer().address(), failed.address(), null);
  }

  /**
   * Every successor failure declared so far, as {@code {virtual time, index of the declaring
   * node}}.
   */
  public List<long[]> successorFailures() {
    return Collections.unmodifiableList(successorFailures);
  }

  /** The trace in use, or null. */
  public Trace trace() {
    return trace;
  }
}
