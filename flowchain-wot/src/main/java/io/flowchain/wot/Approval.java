package io.flowchain.wot;

import io.flowchain.core.types.TxId;

/**
 * An endpoint's signed approval of a record (paper §5.4).
 *
 * @param txId the record approved
 * @param endpointKey the approving endpoint's Ed25519 public key, hex
 * @param signature the endpoint's signature over the approval, hex
 */
public record Approval(TxId txId, String endpointKey, String signature) {
  public Approval {
    if (txId == null) {
      throw new IllegalArgumentException("txID is required");
    }
    if (endpointKey == null || !endpointKey.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("endpointKey must be 64 hex digits (an Ed25519 key)");
    }
    if (signature == null || !signature.matches("[0-9a-f]{128}")) {
      throw new IllegalArgumentException("signature must be 128 hex digits (Ed25519)");
    }
  }
}
