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
  public boolean equals(Object o) {
    return o == this || (o instanceof Peer p && id.equals(p.id) && address.equals(p.address));
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + address.hashCode();
  }

  @Override
  public String toString() {
    return id.toHex().substring(0, 8) + "@" + address;
  }
}
