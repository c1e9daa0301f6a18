package io.flowchain.dht.message;

/**
 * Stabilization, sent periodically by a node to its successor: "I think I am your predecessor; tell
 * me your predecessor and your successor list". The successor answers with {@link NotifySuccessor}
 * and then treats the sender as a predecessor candidate.
 */
public record NotifyStabilize(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.NOTIFY_STABILIZE;
  }
}
