package io.flowchain.net;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chord over WebSocket (RFC 6455), the talk's RPC: each message is one JSON text frame {@code
 * {"message": ..., "from": ...}} sent to {@code ws://host:port/node/{id}/receive} of the peer, or
 * {@code wss://} with TLS (see {@link TlsIdentity}).
 *
 * <p>Server: a Jetty endpoint at {@code /node/{id}/receive} on the configured host and port (0 =
 * any free port; {@link #address()} tells which after {@link #start()}). Every connection, in and
 * out, is authenticated by the membership handshake before a Chord frame is acted on; refusals are
 * sent as {@code {"error", "code"}} frames and the connection is closed.
 *
 * <p>Client: one connection per peer, opened on the first message and cached; messages wait in a
 * bounded per-peer queue while it opens, and are dropped (and counted) when the queue is full, when
 * the connection fails, or for a short backoff after a failed attempt. Connections are send-only:
 * the peer answers over its own connection to this node's address, as in the talk.
 *
 * <p>Threading: {@link #send} never blocks. Incoming messages are handed to the node's {@link
 * Scheduler}; the receiver runs there, one message at a time.
 */
public final class WebSocketTransport extends AbstractTransport {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

  private final String host;
  private final int requestedPort;
  final TlsIdentity tls;
  final ServerCertificates serverCertificates = new ServerCertificates();
  private final PeerLinks<WsOutbound> links;
  final Set<WsInbound> inbound = ConcurrentHashMap.newKeySet();
  private Server server;
  private ServerConnector connector;
  private HttpClient http;
  WebSocketClient client;
  ScheduledExecutorService timer;
  private String address;
  private volatile boolean started;
  volatile boolean closed;

  /**
   * A binding for the node with {@code credentials}, accepting members of {@code trust}'s network,
   * that will listen on {@code host}:{@code port} and hand incoming messages to {@code scheduler}.
   */
  public WebSocketTransport(
      NodeCredentials credentials,
      NetworkTrust trust,
      Scheduler scheduler,
      String host,
      int port,
      NetConfig config) {
    this(credentials, trust, scheduler, host, port, config, null);
  }

  /**
   * As above; with {@code tls} not null the node listens with TLS ({@code wss://}), presenting that
   * certificate. Either way the binding can dial both {@code ws://} and {@code wss://} peers.
   */
  public WebSocketTransport(
      NodeCredentials credentials,
      NetworkTrust trust,
      Scheduler scheduler,
      String host,
      int port,
      NetConfig config,
      TlsIdentity tls) {
    super(credentials, trust, scheduler, config);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
    }
    this.host = host;
    this.requestedPort = port;
    this.tls = tls;
    this.links =
        new PeerLinks<>(config.maxPeers(), p -> new WsOutbound(this, p), WsOutbound::shutdown);
  }

  @Override
  public synchronized void start() throws Exception {
    if (started) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    String name = "ws-" + credentials.nodeId().toHex().substring(0, 8);
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-timer");
              t.setDaemon(true);
              return t;
            });
    QueuedThreadPool serverPool = pool(name + "-server");
    server = new Server(serverPool);
    if (tls == null) {
      connector = new ServerConnector(server, 1, 1);
    } else {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tls.keyStore());
      ssl.setKeyStorePassword(tls.password());
      ssl.setKeyManagerPassword(tls.password());
      HttpConfiguration https = new HttpConfiguration();
      // peers dial IP addresses and check the certificate through the handshake, not by name
      https.addCustomizer(new SecureRequestCustomizer(false, -1, false));
      connector =
          new ServerConnector(
              server,
              1,
              1,
              new SslConnectionFactory(ssl, "http/1.1"),
              new HttpConnectionFactory(https));
    }
    connector.setHost(host);
    connector.setPort(requestedPort);
    server.addConnector(connector);
    server.setHandler(
        WebSocketUpgradeHandler.from(
            server,
            container -> {
              container.setMaxTextMessageSize(config.maxFrameBytes());
              container.setMaxBinaryMessageSize(1024);
              container.setIdleTimeout(Duration.ofMillis(config.idleTimeoutMillis()));
              container.setMaxOutgoingFrames(16);
              container.addMapping(
                  "/*",
                  (req, resp, cb) ->
                      new WsListener(new WsInbound(this, req.getHttpURI().getPath())));
            }));
    server.setStopTimeout(1_000);
    server.start();
    address =
        new Address(tls == null ? Address.WS : Address.WSS, host, connector.getLocalPort())
            .toString();

    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {serverCertificates}, new SecureRandom());
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(context);
    ssl.setEndpointIdentificationAlgorithm(null);
    ClientConnector clientConnector = new ClientConnector();
    clientConnector.setSslContextFactory(ssl);
    clientConnector.setSelectors(1);
    http = new HttpClient(new HttpClientTransportOverHTTP(clientConnector));
    http.setExecutor(pool(name + "-client"));
    http.setConnectTimeout(config.connectTimeoutMillis());
    client = new WebSocketClient(http);
    client.setMaxTextMessageSize(config.maxFrameBytes());
    client.setMaxBinaryMessageSize(1024);
    client.setIdleTimeout(Duration.ofMillis(config.idleTimeoutMillis()));
    client.setConnectTimeout(config.connectTimeoutMillis());
    client.setMaxOutgoingFrames(config.sendQueueCapacity());
    client.setStopTimeout(1_000);
    client.start();
    started = true;
    LOG.debug("node {} listening on {}", credentials.nodeId(), address);
  }

  private static QueuedThreadPool pool(String name) {
    QueuedThreadPool pool = new QueuedThreadPool(12, 2, 30_000);
    pool.setName(name);
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    return pool;
  }

  @Override
  public String address() {
    if (address == null) {
      throw new IllegalStateException("not started");
    }
    return address;
  }

  /** The port the server listens on (after {@link #start()}). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public boolean reaches(String peerAddress) {
    String scheme = Address.schemeOf(peerAddress);
    return Address.WS.equals(scheme) || Address.WSS.equals(scheme);
  }

  /** The channel binding of connections to this node: its TLS certificate's hash, or zeros. */
  byte[] ownChannel() {
    return tls == null ? new byte[Handshake.CHANNEL_SIZE] : tls.certificateHash();
  }

  @Override
  public void send(Peer to, ChordMessage message) {
    if (started && !closed && deliveredLocally(to, message)) {
      return;
    }
    if (!started || closed || !reaches(to.address())) {
      stats.droppedUnreachable.incrementAndGet();
      return;
    }
    links.linkTo(to).send(message);
  }

  @Override
  public boolean idle() {
    return links.all(l -> l.queued() == 0) && inbox.pending() == 0;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (!started) {
      return;
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (WsOutbound l : links.removeAll()) {
      closing.add(l.shutdown());
    }
    for (WsInbound in : inbound) {
      in.shutdown();
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(1_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.debug("not every connection closed cleanly", e);
    }
    stop(client, "client");
    stop(server, "server");
    stop(http, "http client");
    timer.shutdownNow();
  }

  private void stop(org.eclipse.jetty.util.component.LifeCycle c, String what) {
    try {
      c.stop();
    } catch (Exception e) {
      LOG.debug("stopping the WebSocket {} failed", what, e);
    }
  }

  @Override
  public String toString() {
    return "WebSocketTransport[" + (address == null ? host + ":" + requestedPort : address) + "]";
  }
}
