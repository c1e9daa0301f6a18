package io.flowchain.wot;

import io.flowchain.core.ledger.BlockHeader;

/**
 * A block of the node's branch: its header and, if it was closed to new records, why.
 *
 * @param invalidReason null while the block is valid
 */
public record BlockInfo(BlockHeader header, String invalidReason) {
  public BlockInfo {
    if (header == null) {
      throw new IllegalArgumentException("header is required");
    }
  }
}
