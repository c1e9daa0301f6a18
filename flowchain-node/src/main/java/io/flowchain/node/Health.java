package io.flowchain.node;

import java.util.List;

/**
 * Whether a node is alive and whether it is ready to take data, with the reasons when it is not.
 *
 * @param live the node is running: not closed, and its thread keeps up with its timers
 * @param ready the node can record data now: it is a member of the ring, it has a valid block and
 *     its store takes writes
 * @param reasons why it is not live or not ready (empty when it is both)
 */
public record Health(boolean live, boolean ready, List<String> reasons) {
  public Health {
    reasons = List.copyOf(reasons);
    if (ready && !live) {
      throw new IllegalArgumentException("a node that is not live cannot be ready");
    }
  }
}
