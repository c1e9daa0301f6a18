package io.flowchain.dht.message;

import io.flowchain.dht.Peer;
import java.util.List;

/** Validation shared by the message records. */
final class Peers {
  private Peers() {}

  static List<Peer> copy(List<Peer> peers, String what) {
    if (peers == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    for (Peer p : peers) {
      if (p == null) {
        throw new IllegalArgumentException(what + " holds a missing peer");
      }
    }
    return List.copyOf(peers);
  }

  static <T> T require(T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return value;
  }
}
