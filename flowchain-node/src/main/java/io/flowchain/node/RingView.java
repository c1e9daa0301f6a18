package io.flowchain.node;

import io.flowchain.dht.Peer;
import java.util.List;

/**
 * A node's place in the ring at one moment ({@link FlowchainNode#ring()}).
 *
 * @param member whether the node is an active member of the ring
 * @param self the node as the ring knows it
 * @param predecessor its predecessor, or null if it has none
 * @param successors its successor list, nearest first
 * @param fingers the distinct members its finger table points to
 */
public record RingView(
    boolean member, Peer self, Peer predecessor, List<Peer> successors, List<Peer> fingers) {
  public RingView {
    successors = List.copyOf(successors);
    fingers = List.copyOf(fingers);
  }
}
