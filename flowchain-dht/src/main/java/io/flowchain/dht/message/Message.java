package io.flowchain.dht.message;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.Peer;
import java.util.Arrays;

/**
 * An application payload for the owner of {@code key}. A routed message ({@code deliver == false})
 * travels hop by hop like a lookup until it reaches the key's predecessor, which passes it to its
 * successor with {@code deliver == true}; a message with {@code deliver == true} is handed to the
 * receiver's application as it is (direct sends, such as key hand-off and replication, use this).
 * Each hop is acknowledged with {@link CheckTtl}.
 */
public record Message(
    long requestId, RingId key, byte[] payload, Peer origin, int hops, boolean deliver)
    implements ChordMessage {
  public Message {
    Peers.require(key, "message key");
    Peers.require(origin, "message origin");
    payload = Peers.require(payload, "message payload").clone();
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public MessageType type() {
    return MessageType.MESSAGE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && requestId == m.requestId
        && key.equals(m.key)
        && Arrays.equals(payload, m.payload)
        && origin.equals(m.origin)
        && hops == m.hops
        && deliver == m.deliver;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(requestId) * 31 + key.hashCode() * 17 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "Message[requestId="
        + requestId
        + ", key="
        + key
        + ", payload="
        + payload.length
        + " bytes, origin="
        + origin
        + ", hops="
        + hops
        + ", deliver="
        + deliver
        + "]";
  }
}
