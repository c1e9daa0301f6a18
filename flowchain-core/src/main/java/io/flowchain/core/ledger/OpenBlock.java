package io.flowchain.core.ledger;

import io.flowchain.core.merkle.MerkleAccumulator;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;

/**
 * A block of the branch that is not sealed yet: it may accept records (if valid and chosen by the
 * policy) and keeps the running Merkle root of its txIDs. Guarded by the ledger's lock.
 */
final class OpenBlock {
  final BlockHeader header;
  final Hash hash;
  final Hash hBlock;
  private final MerkleAccumulator txIds = new MerkleAccumulator();
  private InvalidReason invalidReason;
  private boolean sealed;

  OpenBlock(BlockHeader header, Hash hash) {
    this.header = header;
    this.hash = hash;
    this.hBlock = header.hBlock();
  }

  long no() {
    return header.no();
  }

  boolean acceptsRecords() {
    return !sealed && invalidReason == null;
  }

  boolean isValid() {
    return invalidReason == null;
  }

  InvalidReason invalidReason() {
    return invalidReason;
  }

  void add(TxId txId) {
    txIds.add(txId);
  }

  long recordCount() {
    return txIds.size();
  }

  void invalidate(InvalidReason reason) {
    if (invalidReason == null) {
      invalidReason = reason;
    }
  }

  /** The seal that closes this block, as the next header will carry it. */
  Seal seal() {
    return new Seal(
        no(), txIds.size() == 0 ? Hash.ZERO : txIds.root(), txIds.size(), invalidReason);
  }

  void markSealed() {
    sealed = true;
  }
}
