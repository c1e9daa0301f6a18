package io.flowchain.core.ledger;

import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.types.Difficulty;
import java.util.Arrays;
import java.util.OptionalLong;

/** The miner's inner loop: rewrites the nonce in the unsigned header bytes and hashes. */
final class HeaderHasher {
  private HeaderHasher() {}

  /**
   * The first nonce in [firstNonce, firstNonce + attempts) whose header hash meets {@code
   * difficulty}, if any. {@code unsigned} is modified.
   */
  static OptionalLong search(
      byte[] unsigned, Difficulty difficulty, long firstNonce, int attempts) {
    byte[] target = difficulty.toBytes();
    for (int i = 0; i < attempts; i++) {
      long nonce = firstNonce + i;
      for (int b = 0; b < 8; b++) {
        unsigned[BlockHeader.NONCE_OFFSET + b] = (byte) (nonce >>> (56 - 8 * b));
      }
      byte[] hash = Hashes.sha256(Hashes.sha256(unsigned));
      if (Arrays.compareUnsigned(hash, target) <= 0) {
        return OptionalLong.of(nonce);
      }
    }
    return OptionalLong.empty();
  }
}
