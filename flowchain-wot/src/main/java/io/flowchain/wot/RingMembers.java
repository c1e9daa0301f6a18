package io.flowchain.wot;

import java.util.List;

/**
 * The members of the ring one node knows (itself, its predecessor, its successor list, its
 * fingers), at one moment.
 *
 * @param member whether the node is a member of the ring now
 * @param members the members, the node itself first
 * @param wholeRing whether they are the whole ring: the successor list came round to the node
 *     itself or to its predecessor, so no member lies between the ones listed; otherwise members
 *     the node does not know may lie between them
 */
public record RingMembers(boolean member, List<RingMember> members, boolean wholeRing) {
  public RingMembers {
    members = List.copyOf(members);
  }
}
