package io.flowchain.cli.net;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Difficulty;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.Peer;
import io.flowchain.net.CoapTransport;
import io.flowchain.net.MultiTransport;
import io.flowchain.net.NetConfig;
import io.flowchain.net.NodeTransport;
import io.flowchain.net.TlsIdentity;
import io.flowchain.net.WebSocketTransport;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.NodeMetrics;
import io.flowchain.node.replica.InMemoryReplicaStore;
import io.flowchain.node.replica.ReplicaStore;
import io.flowchain.node.replica.RocksDbReplicaStore;
import io.flowchain.node.wot.NodeThing;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotServer;
import io.flowchain.wot.http.HttpOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FlowchainNode} on real sockets: a WebSocket binding, a CoAP one or both, of {@code
 * flowchain-net} on a host and port, authenticated with the node's membership certificate; its
 * branch and copies in RocksDB under a data directory ({@code ledger/}, {@code replicas/}, the
 * layout of {@code flowchain node start}) or in memory. What {@code flowchain node start}, the demo
 * and the network benchmark run.
 *
 * <p>Besides a clean {@link #close()} (a graceful leave), a node can {@link #crash()}: its thread
 * stops, its sockets close and its stores are closed without the clean-shutdown marker, as after a
 * {@code kill -9}. A node restarted on the same data directory then finds its open block labelled
 * {@code UNCLEAN_SHUTDOWN}.
 */
public final class SocketNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketNode.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** The node parameters for socket transports: batches that fit the default frame limit. */
  public static NodeConfig defaultConfig() {
    return NodeConfig.defaults().withBatchLimits(256, NodeConfig.FRAME_SAFE_BATCH_BYTES);
  }

  /** What to start. {@code network} and {@code credentials} are required. */
  public static final class Options {
    NetworkParams network;
    NodeCredentials credentials;
    String host = "127.0.0.1";
    int port;
    int coapPort = -1;
    boolean tls;
    Path dataDir;
    LedgerStore store;
    Peer join;
    NodeConfig config = defaultConfig();
    ChordConfig chord = ChordConfig.defaults();
    NetConfig net = NetConfig.defaults();
    long tickMillis = io.flowchain.core.mining.VirtualMiner.DEFAULT_TICK_MILLIS;
    int attemptsPerTick = io.flowchain.core.mining.VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK;
    Supplier<Difficulty> difficulty;
    Consumer<FlowchainNode.Builder> customize = b -> {};
    WotConfig web;

    public Options network(NetworkParams p) {
      this.network = p;
      return this;
    }

    public Options credentials(NodeCredentials c) {
      this.credentials = c;
      return this;
    }

    /** The host to listen on and to be known by (default 127.0.0.1). */
    public Options host(String h) {
      this.host = h;
      return this;
    }

    /**
     * The WebSocket port (0, the default: any free port); negative: no WebSocket binding (then a
     * CoAP port is required).
     */
    public Options port(int p) {
      this.port = p;
      return this;
    }

    /**
     * Listen with TLS ({@code wss://}) and, with a CoAP port, DTLS ({@code coaps://}): a
     * self-signed certificate made at start, which the membership handshake binds (see {@link
     * io.flowchain.net.TlsIdentity}).
     */
    public Options tls(boolean on) {
      this.tls = on;
      return this;
    }

    /** Also a CoAP binding on this UDP port (0: any free port); negative: none (the default). */
    public Options coapPort(int p) {
      this.coapPort = p;
      return this;
    }

    /** Keep the branch and the copies in RocksDB under {@code dir} (default: in memory). */
    public Options dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /**
     * The store of the branch, already open (for example checked before the start); the node closes
     * it. The copies go to {@code dataDir/replicas} if a data directory is given.
     */
    public Options store(LedgerStore s) {
      this.store = s;
      return this;
    }

    /** Join the ring of {@code member} (default: start a new ring). */
    public Options join(Peer member) {
      this.join = member;
      return this;
    }

    public Options config(NodeConfig c) {
      this.config = c;
      return this;
    }

    public Options chord(ChordConfig c) {
      this.chord = c;
      return this;
    }

    public Options net(NetConfig c) {
      this.net = c;
      return this;
    }

    public Options mining(long tick, int attempts) {
      this.tickMillis = tick;
      this.attemptsPerTick = attempts;
      return this;
    }

    public Options difficulty(Supplier<Difficulty> d) {
      this.difficulty = d;
      return this;
    }

    /**
     * Also serve the Web of Things layer (REST API, Thing Descriptions, device broker) with this
     * configuration (default: none).
     */
    public Options web(WotConfig c) {
      this.web = c;
      return this;
    }

    /** Anything else of the node (callbacks, acknowledgement policy, ...). */
    public Options customize(Consumer<FlowchainNode.Builder> c) {
      this.customize = c;
      return this;
    }
  }

  private final NodeThread thread;
  private final ExecutorService callbacks;
  private final LedgerStore store;
  private final ReplicaStore replicas;
  private final NodeTransport transport;
  private final WebSocketTransport ws;
  private final CoapTransport coap;
  private final FlowchainNode node;
  private final NodeMetrics metrics;
  private volatile NodeThing thing;
  private volatile WotServer web;
  private volatile boolean stopped;

  private SocketNode(
      NodeThread thread,
      ExecutorService callbacks,
      LedgerStore store,
      ReplicaStore replicas,
      NodeTransport transport,
      WebSocketTransport ws,
      CoapTransport coap,
      FlowchainNode node) {
    this.thread = thread;
    this.callbacks = callbacks;
    this.store = store;
    this.replicas = replicas;
    this.transport = transport;
    this.ws = ws;
    this.coap = coap;
    this.node = node;
    this.metrics = NodeMetrics.of(node);
    if (ws != null) {
      metrics.bindTransport("websocket", () -> ws.stats().snapshot());
    }
    if (coap != null) {
      metrics.bindTransport("coap", () -> coap.stats().snapshot());
    }
  }

  /**
   * Opens the stores, binds the sockets and starts the node (mining, then creating or joining the
   * ring). Returns at once; {@code node().started()} completes when it is a member.
   *
   * @throws IllegalStateException if a socket cannot be bound
   * @throws IllegalArgumentException if the data directory belongs to another network
   */
  public static SocketNode start(Options o) {
    if (o.network == null || o.credentials == null) {
      throw new IllegalArgumentException("a node needs its network and its credentials");
    }
    if (o.port < 0 && o.coapPort < 0) {
      throw new IllegalArgumentException("a node needs a WebSocket or a CoAP port, or both");
    }
    String name = o.credentials.nodeId().toHex().substring(0, 8);
    NodeThread thread = new NodeThread("flowchain-node-" + name);
    ExecutorService callbacks =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "flowchain-callbacks-" + name);
              t.setDaemon(true);
              return t;
            });
    LedgerStore store = null;
    ReplicaStore replicas = null;
    NodeTransport[] made = new NodeTransport[1];
    WebSocketTransport[] wsMade = new WebSocketTransport[1];
    CoapTransport[] coapMade = new CoapTransport[1];
    try {
      if (o.store != null) {
        store = o.store;
      } else if (o.dataDir != null) {
        store = RocksDbStore.open(o.dataDir.resolve("ledger"));
      } else {
        store = new InMemoryStore();
      }
      checkNetwork(store, o.network);
      replicas =
          o.dataDir != null
              ? RocksDbReplicaStore.open(o.dataDir.resolve("replicas"))
              : new InMemoryReplicaStore();
      NetworkTrust trust = NetworkTrust.of(o.network, SystemClock.INSTANCE);
      FlowchainNode.Builder b =
          FlowchainNode.builder()
              .network(o.network)
              .keys(o.credentials.keys())
              .store(store)
              .replicaStore(replicas)
              .scheduler(thread)
              .callbackExecutor(callbacks)
              .config(o.config)
              .chordConfig(o.chord)
              .mining(o.tickMillis, o.attemptsPerTick)
              .transport(
                  (keys, scheduler) -> {
                    TlsIdentity tls = o.tls ? TlsIdentity.selfSigned(o.host) : null;
                    WebSocketTransport w =
                        o.port < 0
                            ? null
                            : new WebSocketTransport(
                                o.credentials, trust, scheduler, o.host, o.port, o.net, tls);
                    CoapTransport c =
                        o.coapPort < 0
                            ? null
                            : new CoapTransport(
                                o.credentials, trust, scheduler, o.host, o.coapPort, o.net, tls);
                    wsMade[0] = w;
                    coapMade[0] = c;
                    NodeTransport t = w == null ? c : c == null ? w : new MultiTransport(w, c);
                    made[0] = t;
                    try {
                      t.start();
                    } catch (Exception e) {
                      throw new IllegalStateException(
                          "cannot listen on "
                              + o.host
                              + (o.port >= 0 ? " port " + o.port : "")
                              + (o.coapPort >= 0 ? " (CoAP " + o.coapPort + ")" : "")
                              + ": "
                              + e.getMessage(),
                          e);
                    }
                    return t;
                  });
      if (o.difficulty != null) {
        b.difficulty(o.difficulty);
      }
      if (o.join != null) {
        b.join(o.join);
      }
      o.customize.accept(b);
      FlowchainNode node = b.start();
      SocketNode socketNode =
          new SocketNode(thread, callbacks, store, replicas, made[0], wsMade[0], coapMade[0], node);
      if (o.web != null) {
        socketNode.startWeb(o.web);
      }
      return socketNode;
    } catch (RuntimeException e) {
      thread.halt();
      callbacks.shutdownNow();
      if (made[0] != null) {
        made[0].close();
      }
      if (replicas != null) {
        replicas.close();
      }
      if (store != null) {
        store.close();
      }
      throw e;
    }
  }

  private static void checkNetwork(LedgerStore s, NetworkParams network) {
    Optional<byte[]> stored = s.meta("network");
    if (stored.isEmpty()) {
      s.putMeta("network", network.canonicalBytes());
    } else if (!Arrays.equals(stored.get(), network.canonicalBytes())) {
      throw new IllegalArgumentException(
          "the branch belongs to another network than '" + network.name() + "'");
    }
  }

  private void startWeb(WotConfig config) {
    NodeThing t = new NodeThing(node);
    try {
      web =
          WotServer.start(
              t,
              config,
              new HttpOptions(
                  () -> metrics.health().ready(),
                  () -> new HttpOptions.Metrics(PROMETHEUS_TEXT, metrics.scrape())));
      thing = t;
    } catch (RuntimeException e) {
      t.close();
      close();
      throw e;
    }
  }

  public FlowchainNode node() {
    return node;
  }

  /** The node's metrics (Prometheus) and health, served by its web API if it has one. */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** The node's Web of Things layer, if it serves one. */
  public Optional<WotServer> web() {
    return Optional.ofNullable(web);
  }

  private void stopWeb() {
    if (web != null) {
      web.close();
      thing.close();
    }
    metrics.close();
  }

  /** The node as the ring knows it: its id and its address (WebSocket if it has one). */
  public Peer peer() {
    return transport.localPeer();
  }

  /** The WebSocket port it listens on, or -1 without a WebSocket binding. */
  public int port() {
    return ws == null ? -1 : ws.port();
  }

  /** The address of its CoAP binding ({@code coap://} or {@code coaps://}), or null without one. */
  public String coapAddress() {
    return coap == null ? null : coap.address();
  }

  /** The CoAP port it listens on, or -1 without a CoAP binding. */
  public int coapPort() {
    return coap == null ? -1 : coap.port();
  }

  /** The branch's store (open until the node stops). */
  public LedgerStore store() {
    return store;
  }

  /** Its transport: the WebSocket binding, the CoAP one, or both. */
  public NodeTransport transport() {
    return transport;
  }

  /** The WebSocket binding, or null without one. */
  public WebSocketTransport webSocket() {
    return ws;
  }

  /** The CoAP binding, or null without one. */
  public CoapTransport coap() {
    return coap;
  }

  /**
   * Runs {@code task} on the node's thread (where its Chord node may be read) and returns its
   * result; fails if the node has stopped or the task does not run within 10 s.
   */
  public <T> T onNodeThread(Supplier<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      thread.schedule(
          0,
          () -> {
            try {
              f.complete(task.get());
            } catch (RuntimeException | Error e) {
              f.completeExceptionally(e);
            }
          });
      return f.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      throw new IllegalStateException("node " + peer() + " has stopped", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("node " + peer() + ": " + e, e);
    }
  }

  /** Whether the node is a member of the ring now. */
  public boolean isMember() {
    return !stopped && onNodeThread(() -> node.chord().isActive());
  }

  /** Whether it has crashed or closed. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Stops at once, as {@code kill -9} would: the node's thread runs nothing more, its sockets close
   * without any notice to the ring, the stores close without the clean-shutdown marker.
   */
  public synchronized void crash() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopWeb();
    thread.halt();
    transport.close();
    callbacks.shutdownNow();
    replicas.close();
    store.close();
    LOG.info("node {} crashed (on purpose)", peer());
  }

  /**
   * Stops cleanly: leaves the ring (handing its keys to its successor), stops mining, closes the
   * branch with the clean-shutdown marker, then the sockets and the stores.
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopWeb();
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      thread.schedule(
          0,
          () -> {
            try {
              node.close();
            } finally {
              done.complete(null);
            }
          });
      done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("node {} did not stop cleanly: {}", peer(), e.toString());
    }
    thread.halt();
    transport.close();
    callbacks.shutdown();
    replicas.close();
    store.close();
  }
}
