package io.flowchain.dht.message;

/**
 * Periodic liveness probe of a node's predecessor; answered with {@link CheckTtl}, which renews the
 * predecessor's TTL at the sender.
 */
public record CheckPredecessor(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.CHECK_PREDECESSOR;
  }
}
