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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MapBasedEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's session with one peer over CoAP: the handshake (POST hello, answered by the peer's
 * hello and proof; POST proof), then one confirmable POST per Chord frame, at most {@link #WINDOW}
 * outstanding, of which at most one is larger than a CoAP message and goes block-wise (RFC 7959
 * tells two block-wise requests to the same resource apart only by a Request-Tag, which
 * Californium's block-wise layer does not use: a second one would cancel the first). Messages wait
 * in a bounded queue meanwhile; they are sent in order but, several being outstanding, may arrive
 * in another. A 4.01 answer means the peer forgot the session (it restarted, or the session
 * expired): the link shakes hands again. A timeout fails the link: queued messages are dropped and
 * new ones too, for a backoff. Over DTLS the handshake is bound to the DTLS session its hello
 * opened (or found), and every later request is sent on that session only: if it ends, the link
 * shakes hands again; if the peer stopped answering, over a new DTLS session. Guarded by this
 * object's lock.
 */
final class CoapLink {
  private static final Logger LOG = LoggerFactory.getLogger(CoapLink.class);
  static final int WINDOW = 32;

  /**
   * Over DTLS: a hello whose DTLS handshake failed is sent at most this many times in all before
   * the link fails. Two nodes that open a DTLS session to each other at the same moment abort both
   * handshakes (each takes the other's ClientHello for a new session); the node with the lower id
   * tries again after a short random pause, the other waits for that session and uses it.
   */
  static final int DTLS_HELLO_ATTEMPTS = 5;

  /**
   * Over DTLS: the longest pause before the lower id's hello is sent again, and the polling period
   * of the other node, which gives up waiting after 16 of them (all doubling with each attempt).
   */
  static final long DTLS_RETRY_SLOT_MILLIS = 50;

  /** Frames longer than this (UTF-8 bytes) go block-wise. */
  static final int SINGLE_MESSAGE_BYTES = 1024 - 64;

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

  /** Over DTLS: the session the handshake was made on, which every later request must use. */
  private EndpointContext pinned;

  /**
   * Over DTLS: the peer stopped answering, so its DTLS session may be gone (it restarted): the next
   * hello opens a new one instead of using the current one.
   */
  private boolean renewDtls;

  private int helloAttempts;

  private int generation;
  private int inFlight;
  private boolean blockwiseInFlight;
  private ChordMessage encodedHead;
  private String encodedHeadText;
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
    blockwiseInFlight = false;
    encodedHead = null;
    encodedHeadText = null;
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
    blockwiseInFlight = false;
    pinned = null;
    handshake = new Handshake(t.credentials, t.trust, t.localPeer().address(), to.id());
    boolean renew = renewDtls && t.secure();
    renewDtls = false;
    post(t.codec.encode(handshake.hello()), gen, this::onHelloReply, null, renew);
  }

  private void onHelloReply(Response r) {
    Frame f = replyFrame(r);
    if (r.getCode() != ResponseCode.CONTENT || !(f instanceof Hello h) || h.proof() == null) {
      refused(f, r);
      return;
    }
    if (t.secure()) {
      byte[] channel = t.channel(r.getSourceContext());
      if (channel == null) {
        fail("the DTLS session with " + to + " changed during the handshake");
        return;
      }
      handshake.bindChannel(channel);
      pinned = r.getSourceContext();
    }
    try {
      String proof = t.codec.encode(handshake.acceptHello(h));
      handshake.acceptProof(h.proof());
      state = State.PROOF;
      post(proof, generation, this::onProofReply, null);
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
    helloAttempts = 0;
    backoff = t.config.reconnectBackoffMillis();
    t.stats.handshakes.incrementAndGet();
    t.stats.connectionsOpened.incrementAndGet();
    pump();
  }

  private void pump() {
    while (state == State.READY && inFlight < WINDOW && !queue.isEmpty()) {
      ChordMessage m = queue.peek();
      String text;
      if (m == encodedHead) {
        text = encodedHeadText;
      } else {
        try {
          text = t.codec.encode(m, t.localPeer());
        } catch (WireException e) {
          queue.poll();
          t.stats.droppedOversized.incrementAndGet();
          continue;
        }
      }
      boolean blockwise =
          text.length() > SINGLE_MESSAGE_BYTES / 3 && utf8Length(text) > SINGLE_MESSAGE_BYTES;
      if (blockwise && blockwiseInFlight) {
        encodedHead = m; // waits, and the queue behind it, for the block-wise transfer under way
        encodedHeadText = text;
        return;
      }
      queue.poll();
      encodedHead = null;
      encodedHeadText = null;
      inFlight++;
      blockwiseInFlight |= blockwise;
      post(text, generation, r -> onFrameReply(r, blockwise), () -> frameDropped(blockwise));
    }
  }

  private void frameDone(boolean blockwise) {
    inFlight--;
    if (blockwise) {
      blockwiseInFlight = false;
    }
  }

  /** A frame not sent, or its exchange cancelled: this one message is lost, the link goes on. */
  private void frameDropped(boolean blockwise) {
    t.stats.droppedUnreachable.incrementAndGet();
    frameDone(blockwise);
    pump();
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private void onFrameReply(Response r, boolean blockwise) {
    frameDone(blockwise);
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

  /**
   * Over DTLS, a hello not sent because its DTLS handshake failed: sends it again after a short
   * random pause, shorter for the node with the lower id, keeping what is queued; false when it is
   * not such a hello or the attempts are used up.
   */
  private boolean retryHello(Throwable error) {
    if (!t.secure() || state != State.HELLO || ++helloAttempts >= DTLS_HELLO_ATTEMPTS) {
      return false;
    }
    int gen = ++generation;
    // the node with the lower id sends its hello again after a short pause; the other one waits
    // until that opens a DTLS session (a hello of its own meanwhile would abort it again)
    long slot = DTLS_RETRY_SLOT_MILLIS << (helloAttempts - 1);
    boolean first = t.credentials.nodeId().toHex().compareTo(to.id().toHex()) < 0;
    long pause = ThreadLocalRandom.current().nextLong(1, slot + 1);
    LOG.debug(
        "DTLS handshake with {} failed ({}); hello again {}",
        to,
        error.getMessage(),
        first ? "in " + pause + " ms" : "once its session is open");
    long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(16 * slot);
    return retryLater(gen, first ? pause : slot, first, giveUp);
  }

  /** Sends the hello again after {@code pause} ms if still due; false if the node is stopping. */
  private boolean retryLater(int gen, long pause, boolean now, long giveUp) {
    try {
      t.scheduler.schedule(
          pause,
          () -> {
            synchronized (CoapLink.this) {
              if (gen != generation || state != State.HELLO) {
                return;
              }
              if (now || t.dtlsSessionWith(to.address()) || System.nanoTime() - giveUp > 0) {
                startHandshake();
              } else if (!retryLater(gen, pause, false, giveUp)) {
                fail("the node is stopping");
              }
            }
          });
    } catch (RuntimeException e) {
      return false; // the node is stopping
    }
    return true;
  }

  private void fail(String why) {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasReady = state == State.READY;
    state = State.IDLE;
    pinned = null;
    helloAttempts = 0;
    generation++;
    // requests still outstanding are abandoned: counted as dropped (some may still arrive)
    int dropped = queue.size() + inFlight;
    inFlight = 0;
    blockwiseInFlight = false;
    encodedHead = null;
    encodedHeadText = null;
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
   * POSTs {@code text}; {@code onReply} runs under this lock if the link is still in {@code gen}. A
   * frame ({@code onDropped} given) that cannot be sent or whose exchange is cancelled is dropped
   * alone; a handshake message ({@code onDropped} null) fails the link.
   */
  private void post(String text, int gen, Consumer<Response> onReply, Runnable onDropped) {
    post(text, gen, onReply, onDropped, false);
  }

  /** As above; {@code newDtlsSession}: over a new DTLS session (a full DTLS handshake first). */
  private void post(
      String text,
      int gen,
      Consumer<Response> onReply,
      Runnable onDropped,
      boolean newDtlsSession) {
    Request request = Request.newPost();
    request.setConfirmable(true);
    try {
      request.setURI(uri);
    } catch (IllegalArgumentException e) {
      fail("bad address: " + e.getMessage());
      return;
    }
    if (pinned != null) {
      request.setDestinationContext(pinned);
    } else if (newDtlsSession) {
      request.setDestinationContext(
          MapBasedEndpointContext.addEntries(
              request.getDestinationContext(),
              DtlsEndpointContext.ATTRIBUE_HANDSHAKE_MODE_FORCE_FULL));
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
            if (error instanceof EndpointMismatchException) {
              // the DTLS session the handshake was made on was replaced (the peer opened a new
              // one): this message is lost; shake hands again on the new one, keeping the queue
              synchronized (CoapLink.this) {
                if (gen == generation) {
                  t.stats.droppedUnreachable.incrementAndGet();
                  if (state == State.READY) {
                    LOG.debug("the DTLS session with {} was replaced; shaking hands again", to);
                    startHandshake();
                  } else {
                    fail("the DTLS session with " + to + " ended");
                  }
                }
              }
              return;
            }
            synchronized (CoapLink.this) {
              if (gen == generation && onDropped == null && retryHello(error)) {
                return;
              }
            }
            // not sent at all (e.g. no free message id for this peer)
            dropped("cannot send: " + error.getMessage());
          }

          @Override
          public void onCancel() {
            dropped("exchange cancelled");
          }

          private void dropped(String why) {
            synchronized (CoapLink.this) {
              if (gen != generation) {
                return;
              }
              if (onDropped != null) {
                onDropped.run();
              } else {
                t.stats.droppedUnreachable.incrementAndGet();
                fail(why);
              }
            }
          }

          @Override
          protected void failed() {
            synchronized (CoapLink.this) {
              if (gen == generation) {
                t.stats.droppedUnreachable.incrementAndGet();
                renewDtls = true;
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
