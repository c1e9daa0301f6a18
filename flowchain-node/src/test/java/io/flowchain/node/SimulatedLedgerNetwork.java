package io.flowchain.node;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Difficulty;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.node.replica.ReplicaStore;
import io.flowchain.node.scenario.LedgerNetwork;
import io.flowchain.sim.EventLoop;
import io.flowchain.sim.LatencyModel;
import io.flowchain.sim.NodeScheduler;
import io.flowchain.sim.SimNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@link LedgerNetwork} on the simulator: every node on one {@link EventLoop} in virtual time,
 * talking over a {@link SimNetwork}; futures complete on the loop's thread. A run is a function of
 * its seed.
 */
public final class SimulatedLedgerNetwork implements LedgerNetwork {
  /** Virtual time 0 is this instant of the nodes' clocks. */
  public static final long EPOCH = 1_735_689_600_000L;

  /** A network whose single difficulty every hash meets: each miner tick finds a block. */
  public static final NetworkParams PARAMS =
      new NetworkParams("sim-net", EPOCH - 1_000, List.of(Difficulty.EASIEST), List.of());

  final EventLoop loop = new EventLoop();
  final SimNetwork network;
  private final SplittableRandom seeds;
  private final List<Machine> machines = new ArrayList<>();
  private final Peer outsider;
  private final Transport outsiderTransport;
  final List<ChordMessage> outsiderInbox = new ArrayList<>();
  private ChordConfig chord = ChordConfig.defaults();
  private long miningTick = 1_000;

  private static final class Machine {
    final NodeKeyPair keys;
    final Peer peer;
    final NodeConfig config;

    /** What the machine keeps across a crash, as a disk would: the stores its node used. */
    LedgerStore store;

    ReplicaStore replicas;

    NodeScheduler scheduler;
    FlowchainNode node;
    boolean up;
    boolean gone;

    Machine(NodeKeyPair keys, Peer peer, NodeConfig config) {
      this.keys = keys;
      this.peer = peer;
      this.config = config;
    }
  }

  private final NetworkParams params;

  public SimulatedLedgerNetwork(long seed) {
    this(seed, PARAMS);
  }

  /** A network of nodes of {@code params} (the difficulty table decides how fast they can mine). */
  public SimulatedLedgerNetwork(long seed, NetworkParams params) {
    this.params = params;
    this.seeds = new SplittableRandom(seed);
    this.network = new SimNetwork(loop, seeds.split(), LatencyModel.perLink(5, 40, 5, seed));
    NodeKeyPair k = NodeKeyPair.generate(seeds.split());
    this.outsider = new Peer(k.nodeId(), "outsider:1");
    this.outsiderTransport = network.attach(outsider);
    outsiderTransport.setReceiver((from, m) -> outsiderInbox.add(m));
  }

  /** Uses {@code config} for the Chord nodes started from now on. */
  public SimulatedLedgerNetwork chordConfig(ChordConfig config) {
    this.chord = config;
    return this;
  }

  /** One block per {@code millis} of virtual time per node (default 1 s). */
  public SimulatedLedgerNetwork miningTick(long millis) {
    this.miningTick = millis;
    return this;
  }

  @Override
  public NetworkParams params() {
    return params;
  }

  @Override
  public int add(NodeConfig config) {
    NodeKeyPair keys = NodeKeyPair.generate(seeds.split());
    int i = machines.size();
    machines.add(new Machine(keys, new Peer(keys.nodeId(), "sim-" + i + ":7001"), config));
    return i;
  }

  @Override
  public void start(int i, int via) {
    start(i, via, FlowchainNode.builder().difficulty(() -> Difficulty.EASIEST));
  }

  /** Starts machine {@code i} from a builder the caller has partly configured. */
  public FlowchainNode start(int i, int via, FlowchainNode.Builder builder) {
    Machine m = machines.get(i);
    if (m.up) {
      throw new IllegalStateException("machine " + i + " is up");
    }
    m.scheduler = new NodeScheduler(loop, EPOCH);
    builder
        .keys(m.keys)
        .network(params)
        .config(m.config)
        .chordConfig(chord)
        .scheduler(m.scheduler)
        .callbackExecutor(Runnable::run)
        .random(new SplittableRandom(seeds.nextLong()))
        .mining(miningTick, 1)
        .transport(network.attach(m.peer));
    if (via >= 0) {
      builder.join(machines.get(via).peer);
    }
    m.node = builder.start();
    m.store = m.node.ledger().store();
    m.replicas = m.node.replicaStore();
    m.up = true;
    m.gone = false;
    return m.node;
  }

  /**
   * Starts machine {@code i}, crashed before ({@link #kill}), again on what it had stored (its
   * branch and its copies), joining through {@code via}, with the same id and address.
   */
  public FlowchainNode restart(int i, int via, FlowchainNode.Builder builder) {
    Machine m = machines.get(i);
    if (m.up || !m.gone) {
      throw new IllegalStateException("machine " + i + " has not crashed");
    }
    return start(i, via, builder.store(m.store).replicaStore(m.replicas));
  }

  @Override
  public FlowchainNode node(int i) {
    return machines.get(i).node;
  }

  @Override
  public Peer peer(int i) {
    return machines.get(i).peer;
  }

  @Override
  public void kill(int i) {
    Machine m = machines.get(i);
    if (!m.up) {
      return;
    }
    m.scheduler.halt();
    network.detach(m.peer.address());
    m.up = false;
    m.gone = true;
  }

  /** Cuts machines {@code a} and {@code b} off from all the others (not from each other). */
  public void isolate(int a, int b) {
    network.partition(List.of(Set.of(peer(a).address(), peer(b).address())));
  }

  /** Ends {@link #isolate}. */
  public void heal() {
    network.heal();
  }

  @Override
  public void leave(int i) {
    Machine m = machines.get(i);
    if (!m.up) {
      return;
    }
    m.node.close();
    m.scheduler.halt();
    network.detach(m.peer.address());
    m.up = false;
    m.gone = true;
  }

  @Override
  public List<Integer> members() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      Machine m = machines.get(i);
      if (m.up && m.node.chord().isActive()) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public <T> T await(CompletableFuture<T> future, long maxMillis) {
    loop.runUntil(loop.now() + maxMillis, future::isDone);
    if (!future.isDone()) {
      throw new AssertionError("not done within " + maxMillis + " virtual ms");
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e;
    }
  }

  @Override
  public boolean await(long millis, BooleanSupplier condition) {
    return loop.runUntil(loop.now() + millis, condition);
  }

  @Override
  public void pass(long millis) {
    loop.runFor(millis);
  }

  @Override
  public <T> T onNode(int i, Supplier<T> task) {
    return task.get(); // everything runs on the loop's thread
  }

  @Override
  public void sendRaw(int i, ChordMessage message) {
    outsiderTransport.send(machines.get(i).peer, message);
  }

  @Override
  public Peer outsider() {
    return outsider;
  }

  public long now() {
    return loop.now();
  }
}
