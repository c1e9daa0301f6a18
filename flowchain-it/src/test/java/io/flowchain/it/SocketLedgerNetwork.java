package io.flowchain.it;

import io.flowchain.cli.net.SocketNode;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.net.AbstractTransport;
import io.flowchain.net.CoapTransport;
import io.flowchain.net.NetConfig;
import io.flowchain.net.TlsIdentity;
import io.flowchain.net.WebSocketTransport;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.scenario.LedgerNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@link LedgerNetwork} over real sockets on loopback: every machine is a {@link SocketNode} (a
 * {@link FlowchainNode} with a WebSocket or a CoAP binding, as the {@link Binding} says, on an
 * ephemeral port of 127.0.0.1, kept across a restart), authenticated with a membership certificate
 * of the test network; branches and copies in memory.
 *
 * <p>Time: the Chord timers are the defaults divided by ten (stabilize and check every 100 ms, TTL
 * 500 ms) and every hash meets the network's difficulty (one block per 100 ms mining tick), so a
 * scenario's pauses ({@link #pass}) wait a fifth of their length and then until no message waits in
 * any transport and no node is still joining. {@link #await} waits, on the wall clock, for up to
 * the scenario's bound, and returns as soon as the condition holds. The data path's own timeouts (5
 * s per request attempt, 2 s for replica confirmations) are the defaults.
 */
final class SocketLedgerNetwork implements LedgerNetwork {
  /** Which transport the machines listen on. */
  enum Binding {
    /** Every machine on WebSocket. */
    WEBSOCKET,
    /** Every machine on CoAP (confirmable requests over UDP). */
    COAP,
    /** Every machine on CoAP over DTLS ({@code coaps://}, a self-signed certificate each). */
    COAPS;

    String scheme() {
      return switch (this) {
        case WEBSOCKET -> "ws";
        case COAP -> "coap";
        case COAPS -> "coaps";
      };
    }

    boolean coap() {
      return this != WEBSOCKET;
    }
  }

  private final Binding binding;

  static final ChordConfig CHORD = new ChordConfig(8, 100, 100, 100, 500, 200, 2_000, 100, 500);
  private static final int TIME_SCALE = 5;

  private final SplittableRandom random;
  private final NodeKeyPair admin;
  private final NetworkParams params;
  private final Hash genesis;
  private final NetworkTrust trust;
  private final List<Machine> machines = new ArrayList<>();
  private final ExecutorScheduler outsiderThread = new ExecutorScheduler("outsider");
  private final AbstractTransport outsider;

  private final class Machine {
    final NodeCredentials credentials;
    final NodeConfig config;
    int port;
    SocketNode up;

    Machine(NodeCredentials credentials, NodeConfig config) {
      this.credentials = credentials;
      this.config = config;
    }
  }

  SocketLedgerNetwork(long seed, Binding binding) {
    this.binding = binding;
    this.random = new SplittableRandom(seed);
    this.admin = NodeKeyPair.generate(random);
    this.params =
        new NetworkParams(
            "ws-net", 1_735_689_600_000L, List.of(Difficulty.EASIEST), List.of(admin.publicKey()));
    this.genesis = Genesis.of(params).hash();
    this.trust = NetworkTrust.of(params, SystemClock.INSTANCE);
    NodeCredentials stranger = credentials(NodeKeyPair.generate(random));
    this.outsider =
        binding.coap()
            ? new CoapTransport(
                stranger,
                trust,
                outsiderThread,
                "127.0.0.1",
                0,
                NetConfig.defaults(),
                binding == Binding.COAPS ? TlsIdentity.selfSigned("outsider") : null)
            : new WebSocketTransport(
                stranger, trust, outsiderThread, "127.0.0.1", 0, NetConfig.defaults());
    try {
      outsider.start();
    } catch (Exception e) {
      throw new IllegalStateException("the outsider could not listen", e);
    }
    outsider.setReceiver((from, m) -> {}); // answers to what it sends are not looked at
  }

  private NodeCredentials credentials(NodeKeyPair keys) {
    long now = System.currentTimeMillis();
    return new NodeCredentials(
        keys,
        MembershipCertificate.issue(
            admin, genesis, keys.publicKey(), now - 86_400_000L, now + 86_400_000L, List.of()));
  }

  @Override
  public NetworkParams params() {
    return params;
  }

  /** The network's administrator (it issued every certificate). */
  NodeKeyPair administrator() {
    return admin;
  }

  @Override
  public synchronized int add(NodeConfig config) {
    machines.add(
        new Machine(
            credentials(NodeKeyPair.generate(random)),
            config.withBatchLimits(config.maxBatchRecords(), NodeConfig.FRAME_SAFE_BATCH_BYTES)));
    return machines.size() - 1;
  }

  @Override
  public void start(int i, int via) {
    Machine m = machines.get(i);
    if (m.up != null) {
      throw new IllegalStateException("machine " + i + " is up");
    }
    m.up =
        SocketNode.start(
            new SocketNode.Options()
                .network(params)
                .credentials(m.credentials)
                .port(binding.coap() ? -1 : m.port)
                .coapPort(binding.coap() ? m.port : -1)
                .tls(binding == Binding.COAPS)
                .config(m.config)
                .chord(CHORD)
                .mining(100, 1)
                .difficulty(() -> Difficulty.EASIEST)
                .join(via >= 0 ? peer(via) : null));
    m.port = binding.coap() ? m.up.coapPort() : m.up.port();
  }

  @Override
  public FlowchainNode node(int i) {
    return machines.get(i).up.node();
  }

  @Override
  public Peer peer(int i) {
    Machine m = machines.get(i);
    if (m.up != null) {
      return m.up.peer();
    }
    // not started yet: its id is known, its address once it listens
    return new Peer(
        m.credentials.nodeId(), binding.scheme() + "://127.0.0.1:" + Math.max(1, m.port));
  }

  @Override
  public void kill(int i) {
    Machine m = machines.get(i);
    if (m.up != null && !m.up.stopped()) {
      m.up.crash();
    }
  }

  @Override
  public void leave(int i) {
    Machine m = machines.get(i);
    if (m.up != null && !m.up.stopped()) {
      m.up.close();
    }
  }

  @Override
  public List<Integer> members() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < machines.size(); i++) {
      SocketNode n = machines.get(i).up;
      if (n != null && !n.stopped() && n.isMember()) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public <T> T await(CompletableFuture<T> future, long maxMillis) {
    try {
      return future.get(maxMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not done within " + maxMillis + " ms");
    } catch (ExecutionException e) {
      throw new java.util.concurrent.CompletionException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
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
   * No message waits in any transport (the outsider's too) and no node is still mining its way into
   * the ring.
   */
  private boolean quiet() {
    if (!outsider.idle()) {
      return false;
    }
    for (Machine m : machines) {
      SocketNode n = m.up;
      if (n == null || n.stopped()) {
        continue;
      }
      if (!n.transport().idle()) {
        return false;
      }
      if (!n.onNodeThread(() -> n.node().chord().isActive() || n.node().chord().isStopped())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <T> T onNode(int i, Supplier<T> task) {
    return machines.get(i).up.onNodeThread(task);
  }

  @Override
  public void sendRaw(int i, ChordMessage message) {
    Peer to = peer(i);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    outsiderThread.schedule(
        0,
        () -> {
          outsider.send(to, message);
          sent.complete(null);
        });
    await(sent, 10_000);
  }

  @Override
  public Peer outsider() {
    return outsider.localPeer();
  }

  @Override
  public void close() {
    for (Machine m : machines) {
      if (m.up != null && !m.up.stopped()) {
        m.up.crash();
      }
    }
    outsider.close();
    outsiderThread.close();
  }
}
