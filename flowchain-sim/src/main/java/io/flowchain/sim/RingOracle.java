package io.flowchain.sim;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Ring;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The true ring, computed from outside: the sorted ids of a set of members. It answers {@code
 * successor(key)} by binary search; the checks compare the nodes' own answers with it.
 */
public final class RingOracle {
  private final Peer[] sorted;

  public RingOracle(Collection<Peer> members) {
    this.sorted = members.toArray(new Peer[0]);
    Arrays.sort(sorted, Comparator.comparing(Peer::id));
  }

  public int size() {
    return sorted.length;
  }

  public List<Peer> members() {
    return List.of(sorted);
  }

  /** The first member at or after {@code key}, clockwise. */
  public Peer successor(RingId key) {
    if (sorted.length == 0) {
      throw new IllegalStateException("the ring is empty");
    }
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].id().compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sorted[lo == sorted.length ? 0 : lo];
  }

  /** The member after {@code member} (itself in a ring of one). */
  public Peer successorOf(Peer member) {
    return successor(Ring.fingerStart(member.id(), 0));
  }

  /** The member before {@code member} (itself in a ring of one). */
  public Peer predecessorOf(Peer member) {
    int i = indexOf(member);
    return sorted[(i - 1 + sorted.length) % sorted.length];
  }

  /** The {@code n} members after {@code member}, in order, never itself. */
  public List<Peer> successorsOf(Peer member, int n) {
    int i = indexOf(member);
    int count = Math.min(n, sorted.length - 1);
    Peer[] out = new Peer[count];
    for (int k = 0; k < count; k++) {
      out[k] = sorted[(i + 1 + k) % sorted.length];
    }
    return List.of(out);
  }

  private int indexOf(Peer member) {
    int i = Arrays.binarySearch(sorted, member, Comparator.comparing(Peer::id));
    if (i < 0) {
      throw new IllegalArgumentException("not a member: " + member);
    }
    return i;
  }
}
