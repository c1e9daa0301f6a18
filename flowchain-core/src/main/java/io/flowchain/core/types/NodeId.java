package io.flowchain.core.types;

import java.math.BigInteger;

/** A node's position on the ring: SHA-1 of its Ed25519 public key, so it can be checked. */
public final class NodeId extends RingId {
  private NodeId(byte[] bytes) {
    super(bytes, "node id");
  }

  public static NodeId of(byte[] bytes) {
    return new NodeId(bytes);
  }

  public static NodeId parse(String hex) {
    return new NodeId(Hex.decode(hex, SIZE, "node id"));
  }

  /** The node id for {@code value mod 2^160}. */
  public static NodeId of(BigInteger value) {
    return new NodeId(bytesOf(value));
  }
}
