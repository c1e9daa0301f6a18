package io.flowchain.wot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ring members a {@link NodeStatus} names (the default of {@link ThingNode#ringMembers()}). */
final class RingMembersFromStatus {
  private RingMembersFromStatus() {}

  static RingMembers of(NodeStatus s) {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    Map<String, String> addresses = new LinkedHashMap<>();
    roles.put(s.nodeId(), new ArrayList<>(List.of(RingMember.SELF)));
    addresses.put(s.nodeId(), s.address());
    boolean wraps = false;
    for (String peer : s.successors()) {
      wraps |= add(peer, "successor", roles, addresses, s.nodeId());
    }
    if (s.predecessor() != null) {
      // the successors reach round to the predecessor: nobody lies between them
      wraps |= s.successors().contains(s.predecessor());
      add(s.predecessor(), "predecessor", roles, addresses, s.nodeId());
    }
    List<RingMember> members = new ArrayList<>();
    roles.forEach(
        (id, r) ->
            members.add(
                new RingMember(
                    id,
                    addresses.get(id),
                    r,
                    id.equals(s.nodeId()) ? RingMember.SELF : RingMember.UNKNOWN,
                    null)));
    return new RingMembers(s.member(), members, wraps);
  }

  /** Adds "id@address"; true if it is the node itself. */
  private static boolean add(
      String peer,
      String role,
      Map<String, List<String>> roles,
      Map<String, String> addresses,
      String self) {
    int at = peer.indexOf('@');
    String id = at < 0 ? peer : peer.substring(0, at);
    if (id.equals(self)) {
      return true;
    }
    addresses.putIfAbsent(id, at < 0 ? null : peer.substring(at + 1));
    roles.computeIfAbsent(id, k -> new ArrayList<>()).add(role);
    return false;
  }
}
