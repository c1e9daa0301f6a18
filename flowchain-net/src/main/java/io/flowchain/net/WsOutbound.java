package io.flowchain.net;

import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipException;
import io.flowchain.net.wire.ChordFrame;
import io.flowchain.net.wire.Frame;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Proof;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached connection from this node to one peer: opened on demand, authenticated by the
 * handshake (the peer must prove it is the node id it was addressed by), then used to write Chord
 * frames. Messages wait in a bounded queue while the connection opens. All state is guarded by this
 * object's lock; Jetty's callbacks and the node's thread both take it briefly.
 */
final class WsOutbound {
  private static final Logger LOG = LoggerFactory.getLogger(WsOutbound.class);

  private enum State {
    IDLE,
    CONNECTING,
    READY,
    CLOSED
  }

  private final WebSocketTransport t;
  private final Peer to;
  private final ArrayDeque<ChordMessage> queue = new ArrayDeque<>();
  private State state = State.IDLE;
  private Attempt current;
  private long retryAt;
  private long backoff;

  WsOutbound(WebSocketTransport t, Peer to) {
    this.t = t;
    this.to = to;
    this.backoff = t.config.reconnectBackoffMillis();
  }

  synchronized void send(ChordMessage m) {
    switch (state) {
      case READY -> current.write(m);
      case CONNECTING -> enqueue(m);
      case IDLE -> {
        if (System.nanoTime() - retryAt < 0) {
          t.stats.droppedUnreachable.incrementAndGet();
        } else {
          enqueue(m);
          connect();
        }
      }
      case CLOSED -> t.stats.droppedUnreachable.incrementAndGet();
    }
  }

  synchronized int queued() {
    return queue.size();
  }

  private void enqueue(ChordMessage m) {
    if (queue.size() >= t.config.sendQueueCapacity()) {
      t.stats.droppedQueueFull.incrementAndGet();
    } else {
      queue.add(m);
    }
  }

  private void connect() {
    state = State.CONNECTING;
    Attempt a = new Attempt();
    current = a;
    a.timeout =
        t.timer.schedule(
            () ->
                a.fail(
                    "no authenticated handshake within "
                        + t.config.handshakeTimeoutMillis()
                        + " ms"),
            t.config.handshakeTimeoutMillis(),
            TimeUnit.MILLISECONDS);
    try {
      URI uri = URI.create(to.address() + "/node/" + to.id().toHex() + "/receive");
      t.client
          .connect(new WsListener(a), uri)
          .whenComplete(
              (session, error) -> {
                if (error != null) {
                  a.fail("cannot connect: " + error.getMessage());
                }
              });
    } catch (IOException | RuntimeException e) {
      a.fail("cannot connect: " + e.getMessage());
    }
  }

  /** Closes the connection after the frames already written; the future completes when it has. */
  synchronized CompletableFuture<Void> shutdown() {
    state = State.CLOSED;
    t.stats.droppedUnreachable.addAndGet(queue.size());
    queue.clear();
    Attempt a = current;
    current = null;
    if (a == null) {
      return CompletableFuture.completedFuture(null);
    }
    return a.closeGracefully();
  }

  /** One connection attempt and, if it succeeds, the connection. */
  private final class Attempt implements WsListener.Events {
    private Handshake handshake;
    private Session session;
    private CoreSession core;
    private boolean flushScheduled;
    private boolean opened;
    private boolean ended;
    ScheduledFuture<?> timeout;

    /** The handshake, bound to the TLS certificate this connection saw (zeros without TLS). */
    private Handshake newHandshake() {
      byte[] channel = new byte[Handshake.CHANNEL_SIZE];
      Address address = Address.parse(to.address());
      if (address.secure()) {
        channel = t.serverCertificates.seen(address.host(), address.port());
        if (channel == null) {
          return null;
        }
      }
      return new Handshake(t.credentials, t.trust, t.localPeer().address(), to.id(), channel);
    }

    @Override
    public void open(Session s) {
      synchronized (WsOutbound.this) {
        session = s;
        core = ((WebSocketSession) s).getCoreSession();
        opened = true;
        t.stats.connectionsOpened.incrementAndGet();
        t.stats.connectionsOpen.incrementAndGet();
        if (current != this) {
          end();
          return;
        }
        handshake = newHandshake();
        if (handshake == null) {
          fail("no TLS certificate seen for " + to.address());
          return;
        }
        sendFrame(handshake.hello());
      }
    }

    @Override
    public void text(String text) {
      synchronized (WsOutbound.this) {
        if (current != this || ended) {
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
          if (f instanceof Hello h && h.proof() == null) {
            sendFrame(handshake.acceptHello(h));
          } else if (f instanceof Proof p) {
            handshake.acceptProof(p);
            ready();
          } else if (f instanceof Refusal r) {
            t.stats.refusalsReceived.incrementAndGet();
            if (r.code() == Refusal.UNAVAILABLE) {
              LOG.debug("{} is not available: {}", to, Logs.clip(r.error()));
            } else {
              LOG.warn(
                  "{} refused node {}: {} ({})",
                  to,
                  t.credentials.nodeId(),
                  Logs.clip(r.error()),
                  r.code());
            }
            fail("refused: " + r.error());
          } else if (f instanceof ChordFrame) {
            refuse(Refusal.PROTOCOL_VIOLATION, "no Chord frames on a connection this node opened");
          } else {
            refuse(Refusal.PROTOCOL_VIOLATION, "a hello with a proof is not a WebSocket frame");
          }
        } catch (MembershipException e) {
          LOG.warn("not sending to {}: {}", to, e.getMessage());
          refuse(e.code(), e.getMessage());
        }
      }
    }

    @Override
    public void binary() {
      synchronized (WsOutbound.this) {
        refuse(Refusal.MALFORMED, "binary frames are not accepted");
      }
    }

    @Override
    public void closed(int status, String reason) {
      fail("closed (" + status + " " + reason + ")");
    }

    @Override
    public void error(Throwable cause) {
      fail("error: " + cause.getMessage());
    }

    private void ready() {
      timeout.cancel(false);
      state = State.READY;
      backoff = t.config.reconnectBackoffMillis();
      t.stats.handshakes.incrementAndGet();
      while (!queue.isEmpty()) {
        write(queue.poll());
      }
    }

    /**
     * Queues one text frame in the connection's batch; the batch goes out in one write when the
     * flush this schedules runs (soon, on the transport's timer thread), so that the frames a node
     * sends in one burst share a system call and the node's thread does not write to the socket.
     */
    void write(ChordMessage m) {
      byte[] utf8;
      try {
        utf8 = t.codec.encodeUtf8(m, t.localPeer());
      } catch (WireException e) {
        t.stats.droppedOversized.incrementAndGet();
        LOG.debug("dropping a {} to {}: {}", m.type(), to, e.getMessage());
        return;
      }
      core.sendFrame(
          new org.eclipse.jetty.websocket.core.Frame(OpCode.TEXT, true, ByteBuffer.wrap(utf8)),
          org.eclipse.jetty.util.Callback.from(
              t.stats.sent::incrementAndGet, error -> t.stats.droppedQueueFull.incrementAndGet()),
          true);
      if (!flushScheduled) {
        flushScheduled = true;
        try {
          t.timer.execute(this::flush);
        } catch (RejectedExecutionException e) {
          flush(); // the transport is closing
        }
      }
    }

    private void flush() {
      synchronized (WsOutbound.this) {
        flushScheduled = false;
      }
      core.flush(org.eclipse.jetty.util.Callback.NOOP);
    }

    private void sendFrame(Frame f) {
      session.sendText(t.codec.encode(f), Callback.NOOP);
    }

    private void refuse(int code, String why) {
      t.stats.refused.incrementAndGet();
      if (session != null && session.isOpen()) {
        Session s = session;
        s.sendText(
            t.codec.encode(new Refusal(why, code)),
            Callback.from(
                () -> s.close(StatusCode.POLICY_VIOLATION, "refused", Callback.NOOP),
                e -> s.disconnect()));
      }
      fail(why);
    }

    void fail(String why) {
      synchronized (WsOutbound.this) {
        if (ended) {
          return;
        }
        boolean wasReady = current == this && state == State.READY;
        end();
        if (current != this) {
          return;
        }
        current = null;
        if (state != State.CLOSED) {
          state = State.IDLE;
        }
        int dropped = queue.size();
        queue.clear();
        t.stats.droppedUnreachable.addAndGet(dropped);
        if (wasReady) {
          retryAt = System.nanoTime();
        } else {
          retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
          backoff = Math.min(backoff * 2, 16 * t.config.reconnectBackoffMillis());
        }
        LOG.debug("connection to {} ended: {} ({} queued messages dropped)", to, why, dropped);
      }
    }

    private void end() {
      if (ended) {
        return;
      }
      ended = true;
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (opened) {
        t.stats.connectionsOpen.decrementAndGet();
        if (session.isOpen()) {
          session.close(StatusCode.NORMAL, "closing", Callback.NOOP);
        }
      }
    }

    CompletableFuture<Void> closeGracefully() {
      CompletableFuture<Void> done = new CompletableFuture<>();
      if (session == null || !session.isOpen() || ended) {
        end();
        done.complete(null);
        return done;
      }
      ended = true;
      if (timeout != null) {
        timeout.cancel(false);
      }
      t.stats.connectionsOpen.decrementAndGet();
      session.close(
          StatusCode.SHUTDOWN,
          "node is stopping",
          Callback.from(() -> done.complete(null), e -> done.complete(null)));
      return done;
    }
  }
}
