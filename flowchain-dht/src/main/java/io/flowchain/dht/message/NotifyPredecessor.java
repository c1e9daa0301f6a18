package io.flowchain.dht.message;

/**
 * Chord's notify: "I may be your predecessor". The receiver adopts the sender as predecessor when
 * it has none or the sender lies between its predecessor and itself, and answers {@link CheckTtl}.
 */
public record NotifyPredecessor(long requestId) implements ChordMessage {
  @Override
  public MessageType type() {
    return MessageType.NOTIFY_PREDECESSOR;
  }
}
