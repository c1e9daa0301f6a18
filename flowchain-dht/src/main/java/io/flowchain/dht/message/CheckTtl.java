package io.flowchain.dht.message;

/**
 * "I am alive": the answer to {@link CheckSuccessor}, {@link CheckPredecessor} and {@link
 * NotifyPredecessor}, and the acknowledgement of one hop of a routed {@link FindSuccessor} or
 * {@link Message}. It renews the sender's TTL at the receiver and settles request {@code
 * requestId}.
 */
public record CheckTtl(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.CHECK_TTL;
  }
}
