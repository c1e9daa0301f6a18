package io.flowchain.dht;

import io.flowchain.core.types.RingId;
import java.util.List;

/**
 * The outcome of a lookup of {@code successor(target)}: the successor, the resolving node's
 * successor list (the target's replica set begins with it), and the number of hops taken. A lookup
 * that got no answer within its timeout has no successor.
 */
public record LookupResult(RingId target, Peer successor, List<Peer> successors, int hops) {
  public LookupResult {
    if (target == null) {
      throw new IllegalArgumentException("lookup target is missing");
    }
    successors = successors == null ? List.of() : List.copyOf(successors);
  }

  /** A lookup that timed out. */
  public static LookupResult failed(RingId target) {
    return new LookupResult(target, null, List.of(), -1);
  }

  /** Whether an answer arrived. */
  public boolean succeeded() {
    return successor != null;
  }

  /** The first {@code r} members of the target's replica set (its successor first). */
  public List<Peer> replicas(int r) {
    return successors.subList(0, Math.min(r, successors.size()));
  }
}
