package io.flowchain.core.types;

/** A SHA-256 digest (32 bytes). */
public final class Hash extends FixedBytes {
  public static final int SIZE = 32;

  /** 32 zero bytes: the previous hash of the genesis block and the root of an empty Merkle tree. */
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  private Hash(byte[] bytes) {
    super(bytes, SIZE, "hash");
  }

  public static Hash of(byte[] bytes) {
    return new Hash(bytes);
  }

  public static Hash parse(String hex) {
    return new Hash(Hex.decode(hex, SIZE, "hash"));
  }
}
