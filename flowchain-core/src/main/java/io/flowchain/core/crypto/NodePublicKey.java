package io.flowchain.core.crypto;

import io.flowchain.core.types.FixedBytes;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.NodeId;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key (32 bytes, RFC 8032 encoding). */
public final class NodePublicKey extends FixedBytes {
  public static final int SIZE = 32;

  /** 32 zero bytes: the miner key field of the genesis block. */
  public static final NodePublicKey NONE = new NodePublicKey(new byte[SIZE]);

  private NodePublicKey(byte[] bytes) {
    super(bytes, SIZE, "public key");
  }

  public static NodePublicKey of(byte[] bytes) {
    return new NodePublicKey(bytes);
  }

  public static NodePublicKey parse(String hex) {
    return new NodePublicKey(Hex.decode(hex, SIZE, "public key"));
  }

  /** The node id of this key: SHA-1 of its 32 bytes. */
  public NodeId nodeId() {
    return NodeId.of(Hashes.sha1(raw()));
  }

  /** True if {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
  public boolean verify(byte[] message, Signature signature) {
    return Ed25519.verify(signature.toBytes(), 0, raw(), 0, message, 0, message.length);
  }
}
