package io.flowchain.dht;

import io.flowchain.core.types.NodeId;

/**
 * A member of the ring as other members see it: its node id and the opaque address at which its
 * transport reaches it (for example {@code "127.0.0.1:7001"}). Two peers are the same member when
 * both the id and the address match.
 */
public record Peer(NodeId id, String address) {
  public Peer {
    if (id == null) {
      throw new IllegalArgumentException("peer id is missing");
    }
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("peer address is missing");
    }
  }

  @Override
  public String toString() {
    return id.toHex().substring(0, 8) + "@" + address;
  }
}
