package io.flowchain.net;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import io.flowchain.dht.scenario.RingNetwork;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@link RingNetwork} over real sockets on loopback: each machine is a real {@link ChordNode} on
 * its own {@link ExecutorScheduler} thread, with a real transport on an ephemeral port (kept across
 * a restart, so the machine keeps its address).
 *
 * <p>Time: the Chord timers are the defaults divided by {@link #TIME_SCALE} (stabilize every 100
 * ms), so {@link #pass} waits a tenth of the scenario's time, and then until no message waits in
 * any transport. {@link #await} polls its condition for up to the full, unscaled bound: it returns
 * as soon as the condition holds.
 */
final class SocketRingNetwork implements RingNetwork {
  static final int TIME_SCALE = 10;

  /**
   * Short timers for loopback: stabilize, fix fingers and check every 100 ms. The TTL (1.5 s) and
   * the RPC timeout (0.5 s) are not scaled down as far, so that a node whose thread stalls for a
   * moment on a loaded machine is not declared dead (false suspicions can split a ring).
   */
  static final ChordConfig CHORD = new ChordConfig(8, 100, 100, 100, 1_500, 500, 3_000, 100, 500);

  /** Makes and starts the transport of one machine. */
  interface Bindings {
    /**
     * A started transport for machine {@code index}; {@code ports} holds the ports of the machine's
     * previous incarnation (0 = any), and is to be filled with the ones bound.
     */
    NodeTransport start(
        int index,
        NodeCredentials credentials,
        NetworkTrust trust,
        Scheduler scheduler,
        int[] ports)
        throws Exception;
  }

  private final Bindings bindings;
  private final Members members = new Members();
  private final SplittableRandom seeds = new SplittableRandom(2024);
  private final List<Machine> machines = new ArrayList<>();

  SocketRingNetwork(Bindings bindings) {
    this.bindings = bindings;
  }

  private final class Machine {
    final int index;
    final NodeCredentials credentials;
    final int[] ports = new int[2];
    Peer peer;
    ExecutorScheduler scheduler;
    NodeTransport transport;
    ChordNode chord;
    TestStore store;

    Machine(int index, NodeKeyPair keys) {
      this.index = index;
      this.credentials = members.credentials(keys);
    }

    /** Starts the scheduler and the transport (the node comes later, with create or join). */
    void boot() {
      scheduler = new ExecutorScheduler("node-" + index);
      try {
        transport = bindings.start(index, credentials, members.trust, scheduler, ports);
      } catch (Exception e) {
        scheduler.close();
        throw new IllegalStateException("machine " + index + " could not start", e);
      }
      Peer now = transport.localPeer();
      if (peer != null && !peer.equals(now)) {
        throw new IllegalStateException(
            "machine " + index + " came back as " + now + ", was " + peer);
      }
      peer = now;
    }

    void startNode() {
      if (transport == null) {
        boot();
      }
      store = new TestStore(3);
      chord =
          onNode(
              () -> {
                ChordNode n =
                    new ChordNode(
                        transport, scheduler, new SplittableRandom(seeds.nextLong()), CHORD, store);
                store.attach(n);
                return n;
              });
    }

    void halt() {
      transport.close();
      scheduler.close();
      transport = null;
    }

    <T> T onNode(Supplier<T> task) {
      CompletableFuture<T> f = new CompletableFuture<>();
      scheduler.schedule(
          0,
          () -> {
            try {
              f.complete(task.get());
            } catch (RuntimeException | Error e) {
              f.completeExceptionally(e);
            }
          });
      try {
        return f.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("machine " + index + ": " + e, e);
      }
    }

    boolean member() {
      return transport != null && chord != null && onNode(chord::isActive);
    }
  }

  private Machine m(int i) {
    return machines.get(i);
  }

  @Override
  public synchronized int add() {
    Machine machine = new Machine(machines.size(), members.newKey());
    machines.add(machine);
    machine.boot();
    return machine.index;
  }

  @Override
  public void create(int i) {
    Machine x = m(i);
    x.startNode();
    x.onNode(
        () -> {
          x.chord.create();
          return null;
        });
  }

  @Override
  public void join(int i, int via) {
    Machine x = m(i);
    Peer bootstrap = m(via).peer;
    x.startNode();
    x.onNode(
        () -> {
          x.chord.join(bootstrap);
          return null;
        });
  }

  @Override
  public void kill(int i) {
    Machine x = m(i);
    if (x.transport == null) {
      return;
    }
    x.onNode(
        () -> {
          x.chord.stop();
          return null;
        });
    x.halt();
  }

  @Override
  public void restart(int i, int via) {
    join(i, via);
  }

  @Override
  public void leave(int i) {
    Machine x = m(i);
    if (x.transport == null) {
      return;
    }
    x.onNode(
        () -> {
          x.chord.leave();
          return null;
        });
    // let the hand-off frames go out before the connections close
    awaitQuiet(x);
    x.halt();
  }

  @Override
  public void put(int i, RingId key) {
    Machine x = m(i);
    x.onNode(
        () -> {
          x.store.put(Ring.asKey(key));
          return null;
        });
  }

  @Override
  public boolean holds(int i, RingId key) {
    TestStore s = m(i).store;
    return s != null && s.holds(key);
  }

  @Override
  public Optional<LookupResult> lookup(int i, RingId key) {
    Machine x = m(i);
    CompletableFuture<LookupResult> f = new CompletableFuture<>();
    x.onNode(
        () -> {
          x.chord.lookup(key, f::complete);
          return null;
        });
    try {
      LookupResult r = f.get(CHORD.lookupTimeoutMillis() + 5_000, TimeUnit.MILLISECONDS);
      return r.succeeded() ? Optional.of(r) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  @Override
  public Peer peer(int i) {
    return m(i).peer;
  }

  @Override
  public Peer successorOf(int i) {
    Machine x = m(i);
    return x.onNode(x.chord::successor);
  }

  @Override
  public List<Integer> members() {
    List<Integer> out = new ArrayList<>();
    for (Machine x : machines) {
      if (x.member()) {
        out.add(x.index);
      }
    }
    return out;
  }

  @Override
  public boolean await(long millis, BooleanSupplier condition) {
    try {
      Awaitility.await()
          .atMost(Duration.ofMillis(millis))
          .pollInterval(Duration.ofMillis(50))
          .until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @Override
  public void pass(long millis) {
    try {
      Awaitility.await()
          .pollDelay(Duration.ofMillis(Math.max(1, millis / TIME_SCALE)))
          .atMost(Duration.ofMillis(millis / TIME_SCALE + 10_000))
          .pollInterval(Duration.ofMillis(10))
          .until(this::quiet);
    } catch (ConditionTimeoutException e) {
      // the time has passed; the network is just not quiet (a join that cannot complete)
    }
  }

  /**
   * No message waits in any transport and no node is still joining: what a scenario's pause amounts
   * to on the simulator, where a join completes within a few hundred virtual ms.
   */
  private boolean quiet() {
    for (Machine x : machines) {
      if (x.transport != null && !x.transport.idle()) {
        return false;
      }
      if (x.transport != null
          && x.chord != null
          && !x.onNode(() -> x.chord.isActive() || x.chord.isStopped())) {
        return false;
      }
    }
    return true;
  }

  private void awaitQuiet(Machine x) {
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(10))
          .until(x.transport::idle);
    } catch (ConditionTimeoutException e) {
      // closing drops what is still queued, as a crash would
    }
  }

  @Override
  public void close() {
    for (Machine x : machines) {
      if (x.transport != null) {
        try {
          x.onNode(
              () -> {
                if (x.chord != null) {
                  x.chord.stop();
                }
                return null;
              });
        } finally {
          x.halt();
        }
      }
    }
  }
}
