package io.flowchain.dht;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.NodeState.Phase;
import io.flowchain.dht.message.CheckPredecessor;
import io.flowchain.dht.message.CheckSuccessor;
import io.flowchain.dht.message.CheckTtl;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.FindSuccessor;
import io.flowchain.dht.message.FoundSuccessor;
import io.flowchain.dht.message.Message;
import io.flowchain.dht.message.NotifyJoin;
import io.flowchain.dht.message.NotifyLeave;
import io.flowchain.dht.message.NotifyPredecessor;
import io.flowchain.dht.message.NotifyStabilize;
import io.flowchain.dht.message.NotifySuccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One member of a Chord ring, as a state machine: it reacts to incoming messages and to its own
 * timers, and acts only through its {@link Transport}, {@link Scheduler} and {@link
 * RandomGenerator}. It never blocks, opens a socket or reads the wall clock.
 *
 * <p><b>Threading:</b> not thread-safe. Every method, every incoming message and every timer must
 * run on one thread: the scheduler's (see {@link Transport}).
 *
 * <p>Life cycle: {@link #create()} a new ring, {@link #join(Peer)} one through any member, or
 * {@link #bootstrap(Peer, List)} with known neighbours; then {@link #leave()} gracefully or {@link
 * #stop()} without notice. A stopped node cannot be started again: make a new one.
 */
public final class ChordNode {
  private final NodeState node;
  private final Router router;
  private final Stabilizer stabilizer;
  private final List<Cancellable> timers = new ArrayList<>();
  private Peer joinBootstrap;

  public ChordNode(
      Transport transport,
      Scheduler scheduler,
      RandomGenerator random,
      ChordConfig config,
      ChordListener listener) {
    this.node = new NodeState(transport, scheduler, random, config, listener);
    this.router = new Router(node);
    this.stabilizer = new Stabilizer(node, router);
    transport.setReceiver(this::receive);
  }

  /** This node. */
  public Peer self() {
    return node.self;
  }

  /** Starts a new ring with this node as its only member. */
  public void create() {
    requirePhase(Phase.NEW);
    node.phase = Phase.ACTIVE;
    startTimers();
  }

  /** Joins the ring that {@code member} belongs to; retried until it succeeds or is stopped. */
  public void join(Peer member) {
    requirePhase(Phase.NEW);
    if (member.equals(node.self)) {
      throw new IllegalArgumentException("a node cannot join through itself");
    }
    joinBootstrap = member;
    stabilizer.join(member);
    startTimers();
  }

  /**
   * Starts as a member whose neighbours are already known (restored from an earlier run, or
   * provisioned): stabilization then checks and repairs them like any other state.
   */
  public void bootstrap(Peer predecessor, List<Peer> successors) {
    requirePhase(Phase.NEW);
    node.phase = Phase.ACTIVE;
    if (!successors.isEmpty()) {
      node.successors.replace(successors.get(0), successors.subList(1, successors.size()));
    }
    if (predecessor != null && !predecessor.equals(node.self)) {
      node.predecessor = predecessor;
    }
    long deadline = node.now() + node.config.ttlMillis();
    node.successorDeadline = deadline;
    node.predecessorDeadline = deadline;
    node.replicasMayHaveChanged();
    startTimers();
  }

  /** Leaves gracefully: hands the keys to the successor, tells both neighbours, and stops. */
  public void leave() {
    if (node.isActive()) {
      stabilizer.leave();
    }
    stop();
  }

  /** Stops at once, telling nobody (a crash, or a shutdown that others will detect by TTL). */
  public void stop() {
    node.phase = Phase.STOPPED;
    timers.forEach(Cancellable::cancel);
    timers.clear();
    node.pending.clear();
    router.clear();
  }

  /**
   * Looks up {@code successor(key)}. The callback runs exactly once on the node's thread: with the
   * answer, or with a failed result after the lookup timeout. It may run before this method returns
   * when this node resolves the key itself.
   */
  public void lookup(RingId key, Consumer<LookupResult> callback) {
    requireRunning();
    node.stats.lookupsStarted++;
    router.lookup(key, callback);
  }

  /** Routes {@code payload} to the owner of {@code key} (MESSAGE); best effort. */
  public void route(RingId key, byte[] payload) {
    requireRunning();
    router.route(key, payload);
  }

  /** Sends {@code payload} for {@code key} straight to {@code to} (hand-off, replication). */
  public void sendDirect(Peer to, RingId key, byte[] payload) {
    requireRunning();
    router.sendDirect(to, key, payload);
  }

  private void startTimers() {
    ChordConfig c = node.config;
    timers.add(periodic(c.stabilizeIntervalMillis(), stabilizer::stabilize));
    timers.add(periodic(c.fixFingersIntervalMillis(), stabilizer::fixFingers));
    timers.add(periodic(c.checkIntervalMillis(), stabilizer::check));
    timers.add(periodic(c.rejoinProbeIntervalMillis(), stabilizer::probeFailed));
  }

  /** A periodic task with a random phase, so that nodes do not act in lockstep. */
  private Cancellable periodic(long period, Runnable task) {
    long phase = 1 + node.random.nextLong(period);
    return node.scheduler.scheduleAtFixedRate(
        phase,
        period,
        () -> {
          if (node.isActive()) {
            task.run();
          }
        });
  }

  private void receive(Peer from, ChordMessage message) {
    if (node.phase != Phase.ACTIVE && node.phase != Phase.JOINING) {
      return;
    }
    node.stats.messagesReceived++;
    node.heardFrom(from);
    if (node.phase == Phase.JOINING) {
      receiveWhileJoining(from, message);
      return;
    }
    switch (message.type()) {
      case NOTIFY_STABILIZE -> stabilizer.onNotifyStabilize(from, (NotifyStabilize) message);
      case NOTIFY_SUCCESSOR -> {
        if (node.pending.settle(message.requestId(), from) != null) {
          stabilizer.onNotifySuccessor(from, (NotifySuccessor) message, joinBootstrap);
        }
      }
      case NOTIFY_PREDECESSOR -> stabilizer.onNotifyPredecessor(from, (NotifyPredecessor) message);
      case NOTIFY_JOIN -> stabilizer.onNotifyJoin(from, (NotifyJoin) message);
      case NOTIFY_LEAVE -> stabilizer.onNotifyLeave(from, (NotifyLeave) message);
      case FIND_SUCCESSOR -> router.onFindSuccessor(from, (FindSuccessor) message);
      case FOUND_SUCCESSOR -> router.onFoundSuccessor((FoundSuccessor) message);
      case CHECK_PREDECESSOR -> stabilizer.onCheckPredecessor(from, (CheckPredecessor) message);
      case CHECK_SUCCESSOR -> stabilizer.onCheckSuccessor(from, (CheckSuccessor) message);
      case CHECK_TTL -> node.pending.settle(message.requestId(), from);
      case MESSAGE -> router.onMessage(from, (Message) message);
    }
  }

  private void receiveWhileJoining(Peer from, ChordMessage message) {
    if (message instanceof FoundSuccessor m) {
      router.onFoundSuccessor(m);
    } else if (message instanceof NotifySuccessor m) {
      if (node.pending.settle(m.requestId(), from) != null) {
        stabilizer.onNotifySuccessor(from, m, joinBootstrap);
      }
    } else if (message instanceof CheckTtl m) {
      node.pending.settle(m.requestId(), from);
    } else if (message instanceof Message m && m.deliver()) {
      // keys handed off by the successor may overtake its answer to NOTIFY_JOIN
      router.onMessage(from, m);
    }
  }

  private void requirePhase(Phase expected) {
    if (node.phase != expected) {
      throw new IllegalStateException("node is " + node.phase + ", expected " + expected);
    }
  }

  private void requireRunning() {
    if (node.phase != Phase.ACTIVE && node.phase != Phase.JOINING) {
      throw new IllegalStateException("node is " + node.phase);
    }
  }

  // ---- views (for the application, tests and the simulator's checks)

  /** Whether the node is a member of a ring (joined, not stopped). */
  public boolean isActive() {
    return node.isActive();
  }

  /** Whether the node has stopped (crashed, stopped or left). */
  public boolean isStopped() {
    return node.phase == Phase.STOPPED;
  }

  /** The successor, or this node when it believes it is alone. */
  public Peer successor() {
    return node.successor();
  }

  public Optional<Peer> predecessor() {
    return Optional.ofNullable(node.predecessor);
  }

  /** The successor list, successor first; empty when alone. */
  public List<Peer> successorList() {
    return node.successors.view();
  }

  /** The next r - 1 successors: where this node's replicas go. */
  public List<Peer> replicaSet() {
    return node.successors.first(node.config.successorListSize() - 1);
  }

  /** Finger {@code i} (0 to 159), or empty when unknown. */
  public Optional<Peer> finger(int i) {
    return Optional.ofNullable(node.fingers.get(i));
  }

  /** The distinct peers of the finger table, in finger order. */
  public List<Peer> distinctFingers() {
    return node.fingers.distinct();
  }

  /** The keys this node owns: {@code (predecessor, self]}. */
  public KeyRange ownedRange() {
    return node.ownedRange();
  }

  public ChordStats stats() {
    return node.stats;
  }

  public ChordConfig config() {
    return node.config;
  }

  @Override
  public String toString() {
    return "ChordNode[" + node.self + ", " + node.phase + "]";
  }
}
