package io.flowchain.net;

import io.flowchain.dht.Peer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A transport's outbound links, one per peer, at most {@code maxPeers}: the least recently used
 * link is evicted (and shut down) when another peer needs one. Thread-safe.
 */
final class PeerLinks<L> {
  private final Map<Peer, L> links = new LinkedHashMap<>(16, 0.75f, true);
  private final int maxPeers;
  private final Function<Peer, L> open;
  private final Consumer<L> shutdown;

  PeerLinks(int maxPeers, Function<Peer, L> open, Consumer<L> shutdown) {
    this.maxPeers = maxPeers;
    this.open = open;
    this.shutdown = shutdown;
  }

  /** The link to {@code peer}, opened if there is none. */
  L linkTo(Peer peer) {
    L link;
    L evicted = null;
    synchronized (links) {
      link = links.get(peer);
      if (link == null) {
        link = open.apply(peer);
        links.put(peer, link);
        if (links.size() > maxPeers) {
          Iterator<L> eldest = links.values().iterator();
          evicted = eldest.next();
          eldest.remove();
        }
      }
    }
    if (evicted != null) {
      shutdown.accept(evicted);
    }
    return link;
  }

  /** True if every link satisfies {@code test}. */
  boolean all(Predicate<L> test) {
    synchronized (links) {
      return links.values().stream().allMatch(test);
    }
  }

  /** Removes every link and returns them (for the caller to shut down). */
  List<L> removeAll() {
    synchronized (links) {
      List<L> all = new ArrayList<>(links.values());
      links.clear();
      return all;
    }
  }
}
