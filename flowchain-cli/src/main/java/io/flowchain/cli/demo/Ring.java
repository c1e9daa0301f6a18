package io.flowchain.cli.demo;

import io.flowchain.core.types.RingId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The demo's ring: nodes sorted by id; successor(key) is the first node at or after the key. */
final class Ring {
  private final List<DemoNode> sorted;

  Ring(List<DemoNode> nodes) {
    sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(DemoNode::id));
  }

  DemoNode successor(RingId key) {
    for (DemoNode n : sorted) {
      if (n.id().compareTo(key) >= 0) {
        return n;
      }
    }
    return sorted.get(0); // wrap around
  }
}
