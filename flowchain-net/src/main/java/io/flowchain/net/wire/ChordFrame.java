package io.flowchain.net.wire;

import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;

/**
 * {@code {"message": {...}, "from": {"id": ..., "address": ...}}}: a Chord message and its sender.
 */
public record ChordFrame(ChordMessage message, Peer from) implements Frame {
  public ChordFrame {
    if (message == null || from == null) {
      throw new IllegalArgumentException("a Chord frame needs a message and a sender");
    }
  }
}
