package io.flowchain.net;

import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipException;
import io.flowchain.net.wire.ChordFrame;
import io.flowchain.net.wire.Frame;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection opened by another node to this node's {@code /node/{id}/receive}. Nothing it sends
 * is acted on until its handshake verifies; after that every frame must be a Chord frame whose
 * {@code from} is the authenticated peer. Anything else gets a refusal frame and the connection is
 * closed.
 */
final class WsInbound implements WsListener.Events {
  private static final Logger LOG = LoggerFactory.getLogger(WsInbound.class);
  private static final Pattern PATH = Pattern.compile("/node/([0-9a-f]{40})/receive");

  private final WebSocketTransport t;
  private final String path;
  private Session session;
  private Handshake handshake;
  private Peer peer;
  private ScheduledFuture<?> timeout;
  private boolean done;

  WsInbound(WebSocketTransport t, String path) {
    this.t = t;
    this.path = path;
  }

  @Override
  public synchronized void open(Session s) {
    session = s;
    t.stats.connectionsOpened.incrementAndGet();
    t.stats.connectionsOpen.incrementAndGet();
    t.inbound.add(this);
    String self = t.credentials.nodeId().toHex();
    Matcher m = PATH.matcher(path == null ? "" : path);
    if (!m.matches()) {
      refuse(
          Refusal.WRONG_NODE,
          "no endpoint at " + path + "; this node is /node/" + self + "/receive");
      return;
    }
    if (!NodeId.parse(m.group(1)).equals(t.credentials.nodeId())) {
      refuse(Refusal.WRONG_NODE, "this is node " + self + ", not " + m.group(1));
      return;
    }
    if (t.closed) {
      refuse(Refusal.UNAVAILABLE, "node is stopping");
      return;
    }
    handshake =
        new Handshake(t.credentials, t.trust, t.localPeer().address(), null, t.ownChannel());
    send(handshake.hello());
    try {
      timeout =
          t.timer.schedule(
              this::handshakeTimedOut, t.config.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      refuse(Refusal.UNAVAILABLE, "node is stopping");
    }
  }

  private synchronized void handshakeTimedOut() {
    if (peer == null && !done) {
      refuse(
          Refusal.UNAUTHENTICATED,
          "no valid hello and proof within " + t.config.handshakeTimeoutMillis() + " ms");
    }
  }

  @Override
  public synchronized void text(String text) {
    if (done) {
      return;
    }
    Frame f;
    try {
      f = t.codec.decode(text);
    } catch (WireException e) {
      refuse(e.code(), e.getMessage());
      return;
    }
    try {
      if (f instanceof ChordFrame c) {
        onChordFrame(c);
      } else if (f instanceof Hello h) {
        if (h.proof() != null) {
          refuse(Refusal.PROTOCOL_VIOLATION, "a hello with a proof is not a WebSocket frame");
          return;
        }
        send(handshake.acceptHello(h));
      } else if (f instanceof Proof p) {
        peer = handshake.acceptProof(p);
        timeout.cancel(false);
        t.stats.handshakes.incrementAndGet();
        LOG.debug("{} authenticated {}", t.credentials.nodeId(), peer);
      } else if (f instanceof Refusal r) {
        t.stats.refusalsReceived.incrementAndGet();
        LOG.warn(
            "{} refused by the connecting side: {} ({})",
            t.localPeer(),
            Logs.clip(r.error()),
            r.code());
        end(StatusCode.NORMAL, "refused");
      }
    } catch (MembershipException e) {
      LOG.warn(
          "refusing a connection from {}: {}", session.getRemoteSocketAddress(), e.getMessage());
      refuse(e.code(), e.getMessage());
    }
  }

  private void onChordFrame(ChordFrame c) {
    if (peer == null) {
      refuse(Refusal.UNAUTHENTICATED, "not authenticated: send a hello and a proof first");
      return;
    }
    if (!c.from().equals(peer)) {
      LOG.warn("{} sent a frame claiming to be from {}; closing the connection", peer, c.from());
      refuse(
          Refusal.PROTOCOL_VIOLATION, "frame from " + c.from() + " on the connection of " + peer);
      return;
    }
    t.inbox.deliver(c.from(), c.message());
  }

  @Override
  public synchronized void binary() {
    refuse(Refusal.MALFORMED, "binary frames are not accepted");
  }

  @Override
  public void error(Throwable cause) {
    if (cause instanceof MessageTooLargeException) {
      t.stats.refused.incrementAndGet();
      LOG.info("closed a connection that sent an oversized frame: {}", cause.getMessage());
    }
    synchronized (this) {
      end(StatusCode.SERVER_ERROR, "error");
    }
  }

  @Override
  public synchronized void closed(int status, String reason) {
    end(status, reason);
  }

  synchronized void shutdown() {
    end(StatusCode.SHUTDOWN, "node is stopping");
  }

  private void send(Frame f) {
    session.sendText(t.codec.encode(f), Callback.NOOP);
  }

  private void refuse(int code, String why) {
    if (done) {
      return;
    }
    t.stats.refused.incrementAndGet();
    Session s = session;
    int status =
        code == Refusal.TOO_LARGE
            ? StatusCode.MESSAGE_TOO_LARGE
            : code == Refusal.MALFORMED ? StatusCode.BAD_PAYLOAD : StatusCode.POLICY_VIOLATION;
    done = true;
    release();
    if (s.isOpen()) {
      s.sendText(
          t.codec.encode(new Refusal(why, code)),
          Callback.from(() -> s.close(status, "refused", Callback.NOOP), e -> s.disconnect()));
    }
  }

  private void end(int status, String reason) {
    if (!done) {
      done = true;
      if (session.isOpen()) {
        session.close(status, reason, Callback.NOOP);
      }
    }
    release();
  }

  private boolean released;

  private void release() {
    if (released) {
      return;
    }
    released = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    t.stats.connectionsOpen.decrementAndGet();
    t.inbound.remove(this);
  }
}
