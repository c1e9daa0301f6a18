package io.flowchain.net;

import io.flowchain.net.wire.WireCodec;

/**
 * Limits and timers of the socket bindings. All durations in milliseconds.
 *
 * @param maxFrameBytes largest frame accepted or sent (UTF-8 bytes); larger incoming frames are
 *     refused, larger outgoing ones dropped
 * @param sendQueueCapacity per peer: messages waiting for a connection (and, over WebSocket, frames
 *     waiting to be written); when full, new messages to that peer are dropped and counted
 * @param inboundCapacity messages received but not yet run by the node's scheduler; beyond this,
 *     incoming messages are dropped and counted
 * @param maxPeers outbound links (WebSocket connections or CoAP sessions) kept at once; the least
 *     recently used is closed to make room
 * @param connectTimeoutMillis opening a connection
 * @param handshakeTimeoutMillis from connection to an authenticated peer, on both sides
 * @param idleTimeoutMillis an idle WebSocket connection is closed (and reopened when needed); a
 *     write that makes no progress for this long fails the connection
 * @param reconnectBackoffMillis after a failed connection attempt, messages to that peer are
 *     dropped for this long (doubling on each further failure up to 16 times this)
 * @param coapAckTimeoutMillis CoAP: initial retransmission timeout of a confirmable request
 * @param coapMaxRetransmit CoAP: retransmissions of a confirmable request before it is given up
 * @param coapSessionTtlMillis CoAP: an authenticated session unused for this long is forgotten and
 *     the peer must shake hands again
 */
public record NetConfig(
    int maxFrameBytes,
    int sendQueueCapacity,
    int inboundCapacity,
    int maxPeers,
    long connectTimeoutMillis,
    long handshakeTimeoutMillis,
    long idleTimeoutMillis,
    long reconnectBackoffMillis,
    long coapAckTimeoutMillis,
    int coapMaxRetransmit,
    long coapSessionTtlMillis) {

  public NetConfig {
    if (maxFrameBytes < 1024 || maxFrameBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException(
          "max frame size must be in [1 KiB, 16 MiB]: " + maxFrameBytes);
    }
    range(sendQueueCapacity, 1, 1_000_000, "send queue capacity");
    range(inboundCapacity, 1, 10_000_000, "inbound capacity");
    range(maxPeers, 1, 100_000, "max peers");
    positive(connectTimeoutMillis, "connect timeout");
    positive(handshakeTimeoutMillis, "handshake timeout");
    positive(idleTimeoutMillis, "idle timeout");
    positive(reconnectBackoffMillis, "reconnect backoff");
    positive(coapAckTimeoutMillis, "CoAP ACK timeout");
    range(coapMaxRetransmit, 0, 10, "CoAP max retransmit");
    positive(coapSessionTtlMillis, "CoAP session TTL");
  }

  /**
   * The defaults: 256 KiB frames, 1,024 queued messages per peer, 10,000 pending incoming, 256
   * peers, connect and handshake timeouts 5 s, idle timeout 2 min, reconnect backoff 200 ms, CoAP
   * ACK timeout 1 s with 2 retransmissions, CoAP sessions forgotten after 10 min unused.
   */
  public static NetConfig defaults() {
    return new NetConfig(
        WireCodec.DEFAULT_MAX_FRAME_BYTES,
        1_024,
        10_000,
        256,
        5_000,
        5_000,
        120_000,
        200,
        1_000,
        2,
        600_000);
  }

  public NetConfig withMaxFrameBytes(int bytes) {
    return new NetConfig(
        bytes,
        sendQueueCapacity,
        inboundCapacity,
        maxPeers,
        connectTimeoutMillis,
        handshakeTimeoutMillis,
        idleTimeoutMillis,
        reconnectBackoffMillis,
        coapAckTimeoutMillis,
        coapMaxRetransmit,
        coapSessionTtlMillis);
  }

  public NetConfig withHandshakeTimeoutMillis(long millis) {
    return new NetConfig(
        maxFrameBytes,
        sendQueueCapacity,
        inboundCapacity,
        maxPeers,
        connectTimeoutMillis,
        millis,
        idleTimeoutMillis,
        reconnectBackoffMillis,
        coapAckTimeoutMillis,
        coapMaxRetransmit,
        coapSessionTtlMillis);
  }

  public NetConfig withSendQueueCapacity(int capacity) {
    return new NetConfig(
        maxFrameBytes,
        capacity,
        inboundCapacity,
        maxPeers,
        connectTimeoutMillis,
        handshakeTimeoutMillis,
        idleTimeoutMillis,
        reconnectBackoffMillis,
        coapAckTimeoutMillis,
        coapMaxRetransmit,
        coapSessionTtlMillis);
  }

  public NetConfig withCoapSessionTtlMillis(long millis) {
    return new NetConfig(
        maxFrameBytes,
        sendQueueCapacity,
        inboundCapacity,
        maxPeers,
        connectTimeoutMillis,
        handshakeTimeoutMillis,
        idleTimeoutMillis,
        reconnectBackoffMillis,
        coapAckTimeoutMillis,
        coapMaxRetransmit,
        millis);
  }

  private static void positive(long v, String what) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + v);
    }
  }

  private static void range(long v, long min, long max, String what) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "]: " + v);
    }
  }
}
