package io.flowchain.dht.message;

/**
 * Periodic liveness probe of a node's successor (paper §5.3); answered with {@link CheckTtl}, which
 * renews the successor's TTL at the sender. A successor whose TTL runs out is removed.
 */
public record CheckSuccessor(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.CHECK_SUCCESSOR;
  }
}
