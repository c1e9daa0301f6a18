package io.flowchain.core.crypto;

import io.flowchain.core.types.FixedBytes;
import io.flowchain.core.types.Hex;

/** An Ed25519 signature (64 bytes). */
public final class Signature extends FixedBytes {
  public static final int SIZE = 64;

  /** 64 zero bytes: the signature field of the genesis block, which nobody signs. */
  public static final Signature NONE = new Signature(new byte[SIZE]);

  private Signature(byte[] bytes) {
    super(bytes, SIZE, "signature");
  }

  public static Signature of(byte[] bytes) {
    return new Signature(bytes);
  }

  public static Signature parse(String hex) {
    return new Signature(Hex.decode(hex, SIZE, "signature"));
  }
}
