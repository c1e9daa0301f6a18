package io.flowchain.net;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one binding, for metrics: monotonic counts plus the number of open connections.
 * Thread-safe; reading is lock-free and may see counters from slightly different instants.
 */
public final class TransportStats {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong received = new AtomicLong();
  final AtomicLong droppedQueueFull = new AtomicLong();
  final AtomicLong droppedUnreachable = new AtomicLong();
  final AtomicLong droppedOversized = new AtomicLong();
  final AtomicLong droppedInbound = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong refusalsReceived = new AtomicLong();
  final AtomicLong handshakes = new AtomicLong();
  final AtomicLong connectionsOpened = new AtomicLong();
  final AtomicLong connectionsOpen = new AtomicLong();
  final AtomicLong notDtls = new AtomicLong();

  /** Chord frames written to the network. */
  public long sent() {
    return sent.get();
  }

  /** Chord frames accepted from authenticated peers and handed to the node. */
  public long received() {
    return received.get();
  }

  /** Messages dropped for any reason (queue full, unreachable, oversized, inbound overload). */
  public long dropped() {
    return droppedQueueFull.get()
        + droppedUnreachable.get()
        + droppedOversized.get()
        + droppedInbound.get();
  }

  /** Refusals sent: frames or peers this node would not act on. */
  public long refused() {
    return refused.get();
  }

  /** Refusals received from peers. */
  public long refusalsReceived() {
    return refusalsReceived.get();
  }

  /** Handshakes that authenticated a peer. */
  public long handshakes() {
    return handshakes.get();
  }

  /** Connections (or CoAP sessions) opened since start, both directions. */
  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  /** Connections (or CoAP sessions) open now. */
  public long connectionsOpen() {
    return connectionsOpen.get();
  }

  /** Datagrams dropped by a {@code coaps} endpoint because they were not DTLS (plain CoAP). */
  public long notDtls() {
    return notDtls.get();
  }

  /** Every counter by name, in a fixed order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("sent", sent.get());
    m.put("received", received.get());
    m.put("droppedQueueFull", droppedQueueFull.get());
    m.put("droppedUnreachable", droppedUnreachable.get());
    m.put("droppedOversized", droppedOversized.get());
    m.put("droppedInbound", droppedInbound.get());
    m.put("refused", refused.get());
    m.put("refusalsReceived", refusalsReceived.get());
    m.put("handshakes", handshakes.get());
    m.put("connectionsOpened", connectionsOpened.get());
    m.put("connectionsOpen", connectionsOpen.get());
    m.put("notDtls", notDtls.get());
    return m;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
