package io.flowchain.wot;

import java.util.List;

/**
 * A member of the ring as one node knows it ({@link ThingNode#ringMembers()}).
 *
 * @param nodeId the member's node id (hex)
 * @param address its ring address (peer transport)
 * @param roles how the node knows it: {@code self}, {@code predecessor}, {@code successor}, {@code
 *     finger}
 * @param state {@code self}; {@code alive} (it answered a request just now); {@code unreachable}
 *     (it did not answer); {@code unknown} (not asked)
 * @param balance its Flowcoin balance as it answered, or null when not known
 */
public record RingMember(
    String nodeId, String address, List<String> roles, String state, Long balance) {
  public static final String SELF = "self";
  public static final String ALIVE = "alive";
  public static final String UNREACHABLE = "unreachable";
  public static final String UNKNOWN = "unknown";

  public RingMember {
    roles = List.copyOf(roles);
  }
}
