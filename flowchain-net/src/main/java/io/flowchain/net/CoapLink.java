package io.flowchain.net;

import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.net.membership.Handshake;
import io.flowchain.net.membership.MembershipException;
import io.flowchain.net.wire.Frame;
import io.flowchain.net.wire.Hello;
import io.flowchain.net.wire.Refusal;
import io.flowchain.net.wire.WireException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's session with one peer over CoAP: the handshake (POST hello, answered by the peer's
 * hello and proof; POST proof), then one confirmable POST per Chord frame, at most {@link #WINDOW}
 * outstanding. Messages wait in a bounded queue meanwhile. A 4.01 answer means the peer forgot the
 * session (it restarted, or the session expired): the link shakes hands again. A timeout fails the
 * link: queued messages are dropped and new ones too, for a backoff. Guarded by this object's lock.
 */
final class CoapLink {
  private static final Logger LOG = LoggerFactory.getLogger(CoapLink.class);
  static final int WINDOW = 32;

  private enum State {
    IDLE,
    HELLO,
    PROOF,
    READY,
    CLOSED
  }

  private final CoapTransport t;
  private final Peer to;
  private final String uri;
  private final ArrayDeque<ChordMessage> queue = new ArrayDeque<>();
  private State state = State.IDLE;
  private Handshake handshake;
  private int generation;
  private int inFlight;
  private long retryAt;
  private long backoff;

  CoapLink(CoapTransport t, Peer to) {
    this.t = t;
    this.to = to;
    this.uri = to.address() + "/node/" + to.id().toHex() + "/receive";
    this.backoff = t.config.reconnectBackoffMillis();
  }

  synchronized void send(ChordMessage m) {
    switch (state) {
      case CLOSED -> t.stats.droppedUnreachable.incrementAndGet();
      case IDLE -> {
        if (System.nanoTime() - retryAt < 0) {
          t.stats.droppedUnreachable.incrementAndGet();
        } else {
          enqueue(m);
          startHandshake();
        }
      }
      case HELLO, PROOF -> enqueue(m);
      case READY -> {
        enqueue(m);
        pump();
      }
    }
  }

  synchronized boolean idle() {
    return queue.isEmpty()
        && inFlight == 0
        && (state == State.READY || state == State.IDLE || state == State.CLOSED);
  }

  synchronized void shutdown() {
    state = State.CLOSED;
    generation++;
    t.stats.droppedUnreachable.addAndGet(queue.size());
    queue.clear();
    inFlight = 0;
  }

  private void enqueue(ChordMessage m) {
    if (queue.size() >= t.config.sendQueueCapacity()) {
      t.stats.droppedQueueFull.incrementAndGet();
    } else {
      queue.add(m);
    }
  }

  private void startHandshake() {
    state = State.HELLO;
    int gen = ++generation;
    inFlight = 0;
    handshake = new Handshake(t.credentials, t.trust, t.localPeer().address(), to.id());
    post(t.codec.encode(handshake.hello()), gen, false, this::onHelloReply);
  }

  private void onHelloReply(Response r) {
    Frame f = replyFrame(r);
    if (r.getCode() != ResponseCode.CONTENT || !(f instanceof Hello h) || h.proof() == null) {
      refused(f, r);
      return;
    }
    try {
      String proof = t.codec.encode(handshake.acceptHello(h));
      handshake.acceptProof(h.proof());
      state = State.PROOF;
      post(proof, generation, false, this::onProofReply);
    } catch (MembershipException e) {
      LOG.warn("not sending to {}: {}", to, e.getMessage());
      fail("handshake refused: " + e.getMessage());
    }
  }

  private void onProofReply(Response r) {
    if (r.getCode() != ResponseCode.CHANGED) {
      refused(replyFrame(r), r);
      return;
    }
    state = State.READY;
    backoff = t.config.reconnectBackoffMillis();
    t.stats.handshakes.incrementAndGet();
    t.stats.connectionsOpened.incrementAndGet();
    pump();
  }

  private void pump() {
    while (state == State.READY && inFlight < WINDOW && !queue.isEmpty()) {
      ChordMessage m = queue.poll();
      String text;
      try {
        text = t.codec.encode(m, t.localPeer());
      } catch (WireException e) {
        t.stats.droppedOversized.incrementAndGet();
        continue;
      }
      inFlight++;
      post(text, generation, true, this::onFrameReply);
    }
  }

  private void onFrameReply(Response r) {
    inFlight--;
    if (r.getCode() == ResponseCode.CHANGED) {
      t.stats.sent.incrementAndGet();
      pump();
      return;
    }
    t.stats.droppedUnreachable.incrementAndGet();
    if (r.getCode() == ResponseCode.UNAUTHORIZED) {
      // the peer forgot this session: shake hands again, keep what is queued
      LOG.debug("{} forgot the session; shaking hands again", to);
      startHandshake();
      return;
    }
    refused(replyFrame(r), r);
  }

  private Frame replyFrame(Response r) {
    try {
      return r.getPayloadSize() == 0 ? null : t.codec.decode(r.getPayloadString());
    } catch (WireException e) {
      return null;
    }
  }

  private void refused(Frame f, Response r) {
    t.stats.refusalsReceived.incrementAndGet();
    String why =
        f instanceof Refusal refusal ? refusal.error() : "unexpected answer " + r.getCode();
    if (r.getCode() == ResponseCode.SERVICE_UNAVAILABLE) {
      LOG.debug("{} is not available: {}", to, why);
    } else {
      LOG.warn(
          "{} refused node {}: {} ({})", to, t.credentials.nodeId(), Logs.clip(why), r.getCode());
    }
    fail(why);
  }

  private void fail(String why) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasReady = state == State.READY;
    state = State.IDLE;
    generation++;
    // requests still outstanding are abandoned: counted as dropped (some may still arrive)
    int dropped = queue.size() + inFlight;
    inFlight = 0;
    queue.clear();
    t.stats.droppedUnreachable.addAndGet(dropped);
    if (wasReady) {
      retryAt = System.nanoTime();
    } else {
      retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
      backoff = Math.min(backoff * 2, 16 * t.config.reconnectBackoffMillis());
    }
    LOG.debug("session with {} ended: {} ({} queued messages dropped)", to, why, dropped);
  }

  /**
   * POSTs {@code text}; {@code onReply} runs under this lock if the link is still in {@code gen}.
   */
  private void post(String text, int gen, boolean frame, Consumer<Response> onReply) {
    Request request = Request.newPost();
    request.setConfirmable(true);
    try {
      request.setURI(uri);
    } catch (IllegalArgumentException e) {
      fail("bad address: " + e.getMessage());
      return;
    }
    request.setPayload(text);
    request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    request.addMessageObserver(
        new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            synchronized (CoapLink.this) {
              if (gen == generation) {
                onReply.accept(response);
              }
            }
          }

          @Override
          public void onSendError(Throwable error) {
            // not sent at all (e.g. no free message id for this peer): drop this one message
            synchronized (CoapLink.this) {
              if (gen == generation) {
                t.stats.droppedUnreachable.incrementAndGet();
                if (frame) {
                  inFlight--;
                  pump();
                } else {
                  fail("cannot send: " + error.getMessage());
                }
              }
            }
          }

          @Override
          protected void failed() {
            synchronized (CoapLink.this) {
              if (gen == generation) {
                t.stats.droppedUnreachable.incrementAndGet();
                fail("no answer from " + to);
              }
            }
          }
        });
    try {
      t.endpoint.sendRequest(request);
    } catch (RuntimeException e) {
      fail("cannot send: " + e.getMessage());
    }
  }
}
