package io.flowchain.wot;

import java.util.List;
import java.util.Map;

/**
 * A node and its place in the ring at one moment.
 *
 * @param member whether the node is a member of the ring now
 * @param address the node's ring address (its peer transport), or null
 * @param predecessor the predecessor's ring address, or null if it has none
 * @param successors the successor list, nearest first (node id @ address)
 * @param chainHeight the number of the branch's last block
 * @param validBlock the block records go into now, or null if there is none
 * @param records records in the node's branch
 * @param counters the data path's counters (submitted, acknowledged, recorded, ...)
 */
public record NodeStatus(
    String nodeId,
    String network,
    boolean member,
    String address,
    String predecessor,
    List<String> successors,
    long chainHeight,
    Long validBlock,
    long records,
    Map<String, Long> counters) {
  public NodeStatus {
    successors = List.copyOf(successors);
    counters = Map.copyOf(counters);
  }
}
