package io.flowchain.net.wire;

import io.flowchain.core.crypto.Signature;

/**
 * {@code {"proof": {"signature": ...}}}: the answer to the other side's challenge, an Ed25519
 * signature over the handshake transcript (docs/protocol.md §12).
 */
public record Proof(Signature signature) implements Frame {
  public Proof {
    if (signature == null) {
      throw new IllegalArgumentException("proof signature is missing");
    }
  }
}
