package io.flowchain.core.crypto;

import io.flowchain.core.types.Hex;
import io.flowchain.core.types.NodeId;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair (BouncyCastle's RFC 8032 implementation). The private part is the 32-byte
 * seed. Thread-safe; signing is deterministic.
 */
public final class NodeKeyPair {
  public static final int SEED_SIZE = 32;

  private final byte[] seed;
  private final NodePublicKey publicKey;
  private final NodeId nodeId;
  private final byte[] publicKeyBytes;

  private NodeKeyPair(byte[] seed) {
    if (seed.length != SEED_SIZE) {
      throw new IllegalArgumentException(
          "Ed25519 private key must be 32 bytes, got " + seed.length);
    }
    this.seed = seed.clone();
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(this.seed, 0, pk, 0);
    this.publicKeyBytes = pk;
    this.publicKey = NodePublicKey.of(pk);
    this.nodeId = publicKey.nodeId();
  }

  /** A new key pair from the operating system's secure random source. */
  public static NodeKeyPair generate() {
    return generate(new SecureRandom());
  }

  /** A key pair from {@code random}: deterministic when {@code random} is seeded (tests). */
  public static NodeKeyPair generate(RandomGenerator random) {
    byte[] seed = new byte[SEED_SIZE];
    random.nextBytes(seed);
    return new NodeKeyPair(seed);
  }

  /** The key pair of a 32-byte private seed. */
  public static NodeKeyPair fromSeed(byte[] seed) {
    return new NodeKeyPair(seed);
  }

  public static NodeKeyPair fromSeedHex(String hex) {
    return new NodeKeyPair(Hex.decode(hex, SEED_SIZE, "private key"));
  }

  public NodePublicKey publicKey() {
    return publicKey;
  }

  public NodeId nodeId() {
    return nodeId;
  }

  /** A copy of the private seed. Handle with care. */
  public byte[] seed() {
    return seed.clone();
  }

  public Signature sign(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    // passing the public key saves deriving it again on every signature
    Ed25519.sign(seed, 0, publicKeyBytes, 0, message, 0, message.length, sig, 0);
    return Signature.of(sig);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKeyPair other && Arrays.equals(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "NodeKeyPair[" + nodeId + "]";
  }
}
