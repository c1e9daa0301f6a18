package io.flowchain.core.ledger;

import io.flowchain.core.types.Hash;

/**
 * What a block header says about an earlier block of the same branch: the Merkle root and count of
 * the txIDs recorded in block {@code sealedNo}, and whether that block was still valid when it was
 * closed ({@code reason == null}) or invalid with a reason. {@code sealedNo == 0} is the empty seal
 * of the first blocks of a branch, which seal nothing.
 */
public record Seal(long sealedNo, Hash merkleRoot, long recordCount, InvalidReason reason) {
  public static final Seal NONE = new Seal(0, Hash.ZERO, 0, null);

  public Seal {
    if (sealedNo < 0) {
      throw new IllegalArgumentException("sealed block number must not be negative: " + sealedNo);
    }
    if (merkleRoot == null) {
      throw new IllegalArgumentException("seal Merkle root is missing");
    }
    if (recordCount < 0 || recordCount > 0xffffffffL) {
      throw new IllegalArgumentException("seal record count out of range: " + recordCount);
    }
    if (sealedNo == 0 && (recordCount != 0 || !merkleRoot.equals(Hash.ZERO) || reason != null)) {
      throw new IllegalArgumentException("the empty seal (block 0) must have no records");
    }
    if (recordCount == 0 && !merkleRoot.equals(Hash.ZERO)) {
      throw new IllegalArgumentException("a seal of zero records must have the zero Merkle root");
    }
  }

  /** 0 if the sealed block was valid, else its {@link InvalidReason#code()}. */
  public int statusCode() {
    return reason == null ? 0 : reason.code();
  }
}
