package io.flowchain.node.message;

import io.flowchain.dht.Peer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The bounds every ledger message respects, checked when a message is built or decoded. */
public final class Limits {
  /** Largest encoded message the codec accepts, in bytes. */
  public static final int MAX_MESSAGE_BYTES = 16 << 20;

  /** Most records (and most headers) in one message. */
  public static final int MAX_RECORDS = 4096;

  /** Most peers in a successor list carried by an answer. */
  public static final int MAX_PEERS = 64;

  /** Longest peer address, in UTF-8 bytes. */
  public static final int MAX_ADDRESS_BYTES = 255;

  /** Longest failure text, in UTF-8 bytes. */
  public static final int MAX_TEXT_BYTES = 1024;

  /** Largest page a query may ask for. */
  public static final int MAX_QUERY_LIMIT = 1000;

  private Limits() {}

  static <T> List<T> list(List<T> items, int max, String what) {
    if (items == null) {
      throw new IllegalArgumentException(what + " missing");
    }
    if (items.size() > max) {
      throw new IllegalArgumentException(
          "too many " + what + ": " + items.size() + " (at most " + max + ")");
    }
    for (T t : items) {
      if (t == null) {
        throw new IllegalArgumentException("a null entry among the " + what);
      }
    }
    return List.copyOf(items);
  }

  static Peer peer(Peer p, String what) {
    if (p == null) {
      throw new IllegalArgumentException(what + " missing");
    }
    if (p.address().getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_BYTES) {
      throw new IllegalArgumentException(what + " address is longer than " + MAX_ADDRESS_BYTES);
    }
    return p;
  }

  static List<Peer> peers(List<Peer> peers) {
    List<Peer> out = list(peers, MAX_PEERS, "peers");
    out.forEach(p -> peer(p, "peer"));
    return out;
  }
}
