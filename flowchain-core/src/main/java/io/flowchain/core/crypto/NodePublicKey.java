package io.flowchain.core.crypto;

import io.flowchain.core.types.FixedBytes;
import io.flowchain.core.types.Hex;
import io.flowchain.core.types.NodeId;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * True if {@code signature} is a valid Ed25519 signature of {@code message} by this key. The same
   * verdict as BouncyCastle's verification with the encoded key, which decodes the key (a square
   * root) every time; here the decoded point of each of the last few thousand keys is kept.
   */
  public boolean verify(byte[] message, Signature signature) {
    Object point = POINTS.get(this);
    if (point == null) {
      // the checks BouncyCastle makes of an encoded key before every verification
      Ed25519.PublicPoint decoded = Ed25519.validatePublicKeyPartialExport(raw(), 0);
      point = decoded == null ? NOT_A_POINT : decoded;
      if (POINTS.size() >= POINT_CACHE_SIZE) {
        POINTS.clear(); // bounded whatever keys arrive
      }
      POINTS.put(this, point);
    }
    return point != NOT_A_POINT
        && Ed25519.verify(
            signature.toBytes(), 0, (Ed25519.PublicPoint) point, message, 0, message.length);
  }

  private static final int POINT_CACHE_SIZE = 4096;
  private static final Object NOT_A_POINT = new Object();
  private static final ConcurrentHashMap<NodePublicKey, Object> POINTS = new ConcurrentHashMap<>();
}
