package io.flowchain.core.inventory;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Hash;
import java.util.List;

/**
 * The administrator's merged chain: its entries, hash-linked from the network's genesis hash, and
 * the administrator's signature over the head ({@code "flowchain/merged/v1" 0x00 ‖ genesis hash ‖
 * i64 length ‖ head hash}), which covers every entry through the links.
 */
public record MergedChain(
    NetworkParams params, List<MergedBlock> blocks, NodePublicKey admin, Signature signature) {

  static final String TAG = "flowchain/merged/v1";

  public MergedChain {
    blocks = List.copyOf(blocks);
  }

  /** The hash the next entry links to: the last entry's, or the genesis hash. */
  public Hash headHash() {
    return blocks.isEmpty() ? Genesis.of(params).hash() : blocks.get(blocks.size() - 1).hash();
  }

  /** The highest round in the chain, 0 if empty. */
  public long lastRound() {
    return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).round();
  }

  public long recordCount() {
    return blocks.stream().mapToLong(MergedBlock::recordCount).sum();
  }

  /** What the administrator signs. */
  public static byte[] signingInput(NetworkParams params, long length, Hash head) {
    return new CanonicalWriter(96)
        .tag(TAG)
        .fixed(Genesis.of(params).hash())
        .i64(length)
        .fixed(head)
        .toByteArray();
  }

  /** A chain over {@code blocks} signed by {@code admin}. */
  static MergedChain sign(NetworkParams params, List<MergedBlock> blocks, NodeKeyPair admin) {
    Hash head = blocks.isEmpty() ? Genesis.of(params).hash() : blocks.get(blocks.size() - 1).hash();
    Signature sig = admin.sign(signingInput(params, blocks.size(), head));
    return new MergedChain(params, blocks, admin.publicKey(), sig);
  }

  /** True if the signature is a network administrator's over this chain's head. */
  public boolean signatureValid() {
    return params.administrators().contains(admin)
        && admin.verify(signingInput(params, blocks.size(), headHash()), signature);
  }
}
