package io.flowchain.net;

import io.flowchain.dht.Peer;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipException;
import io.flowchain.net.wire.ChordFrame;
import io.flowchain.net.wire.Frame;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the CoAP binding: every request to this endpoint comes here (there are no
 * other resources). It keeps one session per peer endpoint (IP address and UDP port): a handshake
 * in progress, or an authenticated peer, forgotten after the session TTL without use. Over DTLS a
 * session also belongs to the DTLS session its handshake came over: a request over another one (a
 * new DTLS handshake from that endpoint) is not authenticated. Requests are answered at once
 * (piggy-backed): 2.05 with the hello reply, 2.04 for an accepted proof or Chord frame, 4.xx with a
 * refusal frame for anything else.
 */
final class CoapReceiver extends ServerMessageDeliverer {
  private static final Logger LOG = LoggerFactory.getLogger(CoapReceiver.class);
  private static final Pattern PATH = Pattern.compile("node/([0-9a-f]{40})/receive");

  private final CoapTransport t;
  private final Map<InetSocketAddress, Session> sessions = new ConcurrentHashMap<>();

  private static final class Session {
    final Handshake handshake;
    final CoapDtls.SessionKey dtls;
    volatile Peer peer;
    volatile long lastUsed;

    Session(Handshake handshake, CoapDtls.SessionKey dtls, long now) {
      this.handshake = handshake;
      this.dtls = dtls;
      this.lastUsed = now;
    }

    /** Whether a request with {@code context} came over the DTLS session this one was made on. */
    boolean sameChannel(CoapTransport t, EndpointContext context) {
      return Objects.equals(dtls, t.session(context));
    }
  }

  CoapReceiver(CoapTransport t, Resource root, Configuration config) {
    super(root, config);
    this.t = t;
  }

  int authenticatedSessions() {
    int n = 0;
    for (Session s : sessions.values()) {
      if (s.peer != null) {
        n++;
      }
    }
    return n;
  }

  @Override
  protected boolean preDeliverRequest(Exchange exchange) {
    Request request = exchange.getRequest();
    InetSocketAddress source = request.getSourceContext().getPeerAddress();
    try {
      handle(exchange, request, source);
    } catch (RuntimeException e) {
      LOG.warn("request from {} failed", source, e);
      refuse(exchange, Refusal.MALFORMED, "the request could not be handled");
    }
    return true;
  }

  private void handle(Exchange exchange, Request request, InetSocketAddress source) {
    Matcher m = PATH.matcher(request.getOptions().getUriPathString());
    if (!m.matches()) {
      refuse(
          exchange,
          Refusal.WRONG_NODE,
          "no resource at /"
              + request.getOptions().getUriPathString()
              + "; this node is /node/"
              + t.credentials.nodeId().toHex()
              + "/receive");
      return;
    }
    if (!m.group(1).equals(t.credentials.nodeId().toHex())) {
      refuse(
          exchange,
          Refusal.WRONG_NODE,
          "this is node " + t.credentials.nodeId() + ", not " + m.group(1));
      return;
    }
    if (request.getCode() != Code.POST) {
      respond(
          exchange,
          ResponseCode.METHOD_NOT_ALLOWED,
          new Refusal("only POST is accepted", Refusal.MALFORMED));
      return;
    }
    if (t.closed) {
      refuse(exchange, Refusal.UNAVAILABLE, "node is stopping");
      return;
    }
    Frame frame;
    try {
      frame = t.codec.decode(request.getPayloadString());
    } catch (WireException e) {
      refuse(exchange, e.code(), e.getMessage());
      return;
    }
    long now = System.nanoTime();
    try {
      if (frame instanceof ChordFrame c) {
        onChordFrame(exchange, source, c, now);
      } else if (frame instanceof Hello h) {
        onHello(exchange, source, h, now);
      } else if (frame instanceof Proof p) {
        onProof(exchange, source, p, now);
      } else if (frame instanceof Refusal r) {
        t.stats.refusalsReceived.incrementAndGet();
        LOG.warn("{} sent a refusal as a request: {} ({})", source, Logs.clip(r.error()), r.code());
        respond(exchange, ResponseCode.CHANGED, null);
      }
    } catch (MembershipException e) {
      LOG.warn("refusing CoAP peer {}: {}", source, e.getMessage());
      sessions.remove(source);
      refuse(exchange, e.code(), e.getMessage());
    }
  }

  private void onHello(Exchange exchange, InetSocketAddress source, Hello hello, long now) {
    if (hello.proof() != null) {
      refuse(exchange, Refusal.PROTOCOL_VIOLATION, "a client's hello carries no proof");
      return;
    }
    // a hello always starts a new session for its endpoint (the peer may have restarted)
    Session previous = sessions.remove(source);
    if (previous != null && previous.peer != null) {
      t.stats.connectionsOpen.decrementAndGet();
    }
    if (!makeRoom(now)) {
      refuse(exchange, Refusal.UNAVAILABLE, "too many sessions");
      return;
    }
    EndpointContext context = exchange.getRequest().getSourceContext();
    byte[] channel = t.channel(context);
    if (channel == null) {
      refuse(exchange, Refusal.UNAUTHENTICATED, "the DTLS session changed; send the hello again");
      return;
    }
    Handshake h = new Handshake(t.credentials, t.trust, t.localPeer().address(), null, channel);
    Proof proof = h.acceptHello(hello);
    sessions.put(source, new Session(h, t.session(context), now));
    respond(exchange, ResponseCode.CONTENT, h.hello().withProof(proof));
  }

  private void onProof(Exchange exchange, InetSocketAddress source, Proof proof, long now) {
    Session s = sessions.get(source);
    if (s == null
        || expired(s, now, t.config.handshakeTimeoutMillis())
        || !s.sameChannel(t, exchange.getRequest().getSourceContext())) {
      sessions.remove(source);
      refuse(
          exchange,
          Refusal.UNAUTHENTICATED,
          "no handshake in progress from " + source + "; send a hello first");
      return;
    }
    synchronized (s) {
      s.peer = s.handshake.acceptProof(proof);
      s.lastUsed = now;
    }
    t.stats.handshakes.incrementAndGet();
    t.stats.connectionsOpened.incrementAndGet();
    t.stats.connectionsOpen.incrementAndGet();
    LOG.debug("{} authenticated {} at {}", t.credentials.nodeId(), s.peer, source);
    respond(exchange, ResponseCode.CHANGED, null);
  }

  private void onChordFrame(Exchange exchange, InetSocketAddress source, ChordFrame c, long now) {
    Session s = sessions.get(source);
    if (s == null || s.peer == null) {
      refuse(
          exchange, Refusal.UNAUTHENTICATED, "not authenticated: send a hello and a proof first");
      return;
    }
    if (!s.sameChannel(t, exchange.getRequest().getSourceContext())) {
      forget(source, s);
      refuse(
          exchange,
          Refusal.UNAUTHENTICATED,
          "not authenticated on this DTLS session: send a hello and a proof again");
      return;
    }
    if (expired(s, now, t.config.coapSessionTtlMillis())) {
      forget(source, s);
      refuse(
          exchange, Refusal.UNAUTHENTICATED, "the session expired; send a hello and a proof again");
      return;
    }
    if (!c.from().equals(s.peer)) {
      LOG.warn(
          "{} at {} sent a frame claiming to be from {}; session closed", s.peer, source, c.from());
      forget(source, s);
      refuse(
          exchange,
          Refusal.PROTOCOL_VIOLATION,
          "frame from " + c.from() + " in the session of " + s.peer);
      return;
    }
    s.lastUsed = now;
    t.inbox.deliver(c.from(), c.message());
    respond(exchange, ResponseCode.CHANGED, null);
  }

  private void forget(InetSocketAddress source, Session s) {
    if (sessions.remove(source, s) && s.peer != null) {
      t.stats.connectionsOpen.decrementAndGet();
    }
  }

  private static boolean expired(Session s, long now, long ttlMillis) {
    return now - s.lastUsed > ttlMillis * 1_000_000L;
  }

  /** Drops expired sessions when the table is full; false if it is still full. */
  private boolean makeRoom(long now) {
    int limit = 4 * t.config.maxPeers();
    if (sessions.size() < limit) {
      return true;
    }
    for (Iterator<Map.Entry<InetSocketAddress, Session>> it = sessions.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<InetSocketAddress, Session> e = it.next();
      Session s = e.getValue();
      long ttl =
          s.peer == null ? t.config.handshakeTimeoutMillis() : t.config.coapSessionTtlMillis();
      if (expired(s, now, ttl)) {
        it.remove();
        if (s.peer != null) {
          t.stats.connectionsOpen.decrementAndGet();
        }
      }
    }
    return sessions.size() < limit;
  }

  private void refuse(Exchange exchange, int code, String why) {
    t.stats.refused.incrementAndGet();
    respond(exchange, coapCode(code), new Refusal(why, code));
  }

  private void respond(Exchange exchange, ResponseCode code, Frame body) {
    Response r = new Response(code);
    if (body != null) {
      r.setPayload(t.codec.encode(body));
      r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    }
    exchange.sendResponse(r);
  }

  /** The CoAP response code of a refusal code. */
  static ResponseCode coapCode(int refusal) {
    return switch (refusal) {
      case Refusal.UNAUTHENTICATED -> ResponseCode.UNAUTHORIZED;
      case Refusal.CERTIFICATE_REFUSED -> ResponseCode.FORBIDDEN;
      case Refusal.WRONG_NODE -> ResponseCode.NOT_FOUND;
      case Refusal.PROTOCOL_VIOLATION -> ResponseCode.CONFLICT;
      case Refusal.TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
      case Refusal.UNAVAILABLE -> ResponseCode.SERVICE_UNAVAILABLE;
      default -> ResponseCode.BAD_REQUEST;
    };
  }
}
