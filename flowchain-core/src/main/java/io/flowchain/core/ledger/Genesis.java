package io.flowchain.core.ledger;

import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.NodeId;

/**
 * The genesis block that every branch of a network grows from. It is derived from the {@link
 * NetworkParams} alone, so every node of the network computes the same block: number 0,
 * previousHash = SHA-256 of the parameters' canonical bytes, timestamp = the genesis timestamp, the
 * empty seal, the easiest difficulty, nonce 0, and zero bytes for miner id, key and signature.
 */
public final class Genesis {
  private Genesis() {}

  public static BlockHeader of(NetworkParams params) {
    return new BlockHeader(
        0,
        params.digest(),
        params.genesisTimestamp(),
        Seal.NONE,
        Difficulty.EASIEST,
        0,
        NodeId.of(new byte[20]),
        NodePublicKey.NONE,
        Signature.NONE);
  }
}
