package io.flowchain.net;

import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chord over CoAP (RFC 7252, Eclipse Californium): each message is the JSON frame of the WebSocket
 * binding, sent as the body of a confirmable POST to {@code coap://host:port/node/{id}/receive};
 * bodies larger than one CoAP message (1,024 bytes) go block-wise (RFC 7959). One UDP endpoint
 * serves the resource and sends this node's requests, so peers see requests come from the
 * advertised port.
 *
 * <p>CoAP has no connections, so authentication is per peer endpoint (IP address and UDP port): a
 * POST of the node's hello is answered with the server's hello and proof, a POST of the client's
 * proof completes the handshake, and from then on the server accepts Chord frames from that
 * endpoint whose {@code from} is the authenticated peer, until the session goes unused for {@link
 * NetConfig#coapSessionTtlMillis()}. Anything else is answered with a 4.xx response whose body is a
 * refusal frame. Without DTLS an attacker who can spoof the authenticated peer's UDP source address
 * can inject frames; see docs/network.md.
 *
 * <p>With a {@link TlsIdentity} the endpoint speaks DTLS 1.2 only ({@code coaps://host:port},
 * {@link CoapDtls}): the handshake's proofs sign a value exported from the DTLS session, and a
 * session serves only messages of the DTLS session it was authenticated on.
 *
 * <p>Threading: {@link #send} never blocks; incoming messages go to the node's {@link Scheduler}.
 */
public final class CoapTransport extends AbstractTransport {
  private static final Logger LOG = LoggerFactory.getLogger(CoapTransport.class);

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private final String host;
  private final int requestedPort;
  private final TlsIdentity tls;
  final Scheduler scheduler;
  private DTLSConnector dtls;
  private final PeerLinks<CoapLink> links;
  private CoapServer server;
  CoapEndpoint endpoint;
  CoapReceiver receiver;
  private String address;
  private volatile boolean started;
  volatile boolean closed;

  public CoapTransport(
      NodeCredentials credentials,
      NetworkTrust trust,
      Scheduler scheduler,
      String host,
      int port,
      NetConfig config) {
    this(credentials, trust, scheduler, host, port, config, null);
  }

  /**
   * As above, over DTLS ({@code coaps://}) when {@code tls} is given: the endpoint presents {@code
   * tls} and speaks DTLS only; the membership handshake is bound to each DTLS session.
   */
  public CoapTransport(
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
    this.scheduler = scheduler;
    this.links = new PeerLinks<>(config.maxPeers(), p -> new CoapLink(this, p), CoapLink::shutdown);
  }

  /** The Californium settings this binding runs with. */
  Configuration californium() {
    Configuration c = Configuration.createStandardWithoutFile();
    c.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
    c.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
    c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.maxFrameBytes());
    c.set(CoapConfig.ACK_TIMEOUT, config.coapAckTimeoutMillis(), TimeUnit.MILLISECONDS);
    c.set(CoapConfig.MAX_RETRANSMIT, config.coapMaxRetransmit());
    // RFC 7252 4.8.2: EXCHANGE_LIFETIME = MAX_TRANSMIT_SPAN + 2 * MAX_LATENCY + PROCESSING_DELAY,
    // here with 1 s for MAX_LATENCY and PROCESSING_DELAY (a LAN, not the Internet's 100 s). Message
    // ids and duplicate detection are kept this long, so one peer can be sent at most 65,536
    // requests per lifetime (7.5 s with the defaults: about 8,700 a second).
    long span = config.coapAckTimeoutMillis() * ((1L << config.coapMaxRetransmit()) - 1) * 3 / 2;
    c.set(CoapConfig.EXCHANGE_LIFETIME, span + 3_000, TimeUnit.MILLISECONDS);
    c.set(CoapConfig.NON_LIFETIME, span + 3_000, TimeUnit.MILLISECONDS);
    c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
    c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
    c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
    if (tls != null) {
      CoapDtls.configure(c, config);
    }
    return c;
  }

  @Override
  public synchronized void start() throws Exception {
    if (started) {
      return;
    }
    if (closed) {
      throw new IllegalStateException("transport is closed");
    }
    Configuration c = californium();
    server = new CoapServer(c);
    String tag = "coap-" + credentials.nodeId().toHex().substring(0, 8);
    InetSocketAddress bind = new InetSocketAddress(host, requestedPort);
    CoapEndpoint.Builder b = new CoapEndpoint.Builder().setConfiguration(c).setLoggingTag(tag);
    if (tls == null) {
      b.setInetSocketAddress(bind);
    } else {
      dtls = CoapDtls.connector(c, bind, tls, tag, stats.notDtls);
      b.setConnector(dtls);
    }
    endpoint = b.build();
    server.addEndpoint(endpoint);
    receiver = new CoapReceiver(this, server.getRoot(), c);
    server.setMessageDeliverer(receiver);
    server.start();
    address = new Address(scheme(), host, endpoint.getAddress().getPort()).toString();
    started = true;
    LOG.debug("node {} listening on {}", credentials.nodeId(), address);
  }

  @Override
  public String address() {
    if (address == null) {
      throw new IllegalStateException("not started");
    }
    return address;
  }

  /** The UDP port the endpoint is bound to (after {@link #start()}). */
  public int port() {
    return endpoint.getAddress().getPort();
  }

  /** {@code coaps} over DTLS, {@code coap} otherwise: the only scheme this binding reaches. */
  public String scheme() {
    return tls == null ? Address.COAP : Address.COAPS;
  }

  @Override
  public boolean reaches(String peerAddress) {
    return scheme().equals(Address.schemeOf(peerAddress));
  }

  /** Whether this binding speaks DTLS. */
  boolean secure() {
    return tls != null;
  }

  /**
   * The channel binding of the handshake carried in a message that came with {@code context}: 32
   * zero bytes over plain CoAP, a value of the DTLS session over DTLS, or null if that DTLS session
   * is no longer current.
   */
  byte[] channel(EndpointContext context) {
    return tls == null ? new byte[Handshake.CHANNEL_SIZE] : CoapDtls.channel(dtls, context);
  }

  /** Whether a DTLS session with the peer at {@code peerAddress} is open now (over DTLS). */
  boolean dtlsSessionWith(String peerAddress) {
    if (dtls == null) {
      return false;
    }
    Address a = Address.parse(peerAddress);
    InetSocketAddress peer = new InetSocketAddress(a.host(), a.port());
    return !peer.isUnresolved() && dtls.getDtlsContextByAddress(peer) != null;
  }

  /** The DTLS session a message came with ({@code context}), or null over plain CoAP. */
  CoapDtls.SessionKey session(EndpointContext context) {
    return tls == null ? null : CoapDtls.session(context);
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
    return links.all(CoapLink::idle) && inbox.pending() == 0;
  }

  /** Authenticated sessions that peers hold with this node now. */
  public int sessions() {
    return receiver == null ? 0 : receiver.authenticatedSessions();
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
    links.removeAll().forEach(CoapLink::shutdown);
    server.stop();
    server.destroy();
  }

  @Override
  public String toString() {
    return "CoapTransport[" + (address == null ? host + ":" + requestedPort : address) + "]";
  }
}
