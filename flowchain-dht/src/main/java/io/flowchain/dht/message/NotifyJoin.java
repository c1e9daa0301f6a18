package io.flowchain.dht.message;

/**
 * Sent by a joining node to the successor it found: "I am joining just before you". The successor
 * adopts the sender as predecessor if it lies between its predecessor and itself, hands the keys
 * between its old predecessor and the sender over to the sender, and answers {@link
 * NotifySuccessor}.
 */
public record NotifyJoin(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.NOTIFY_JOIN;
  }
}
