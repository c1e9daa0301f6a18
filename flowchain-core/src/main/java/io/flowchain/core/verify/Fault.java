package io.flowchain.core.verify;

import io.flowchain.core.types.TxId;

/** The first thing found wrong: where (block, and record if any) and what. */
public record Fault(FaultKind kind, long blockNo, TxId txId, String message) {
  @Override
  public String toString() {
    return kind
        + " at block "
        + blockNo
        + (txId == null ? "" : ", record " + txId)
        + ": "
        + message;
  }
}
