package io.flowchain.node.message;

import io.flowchain.dht.Peer;

/**
 * Asks a member for a page of its own branch: the blocks from {@code fromBlock} on, starting with
 * record {@code fromRecord} (in recording order) of that block, with at most about {@code maxBytes}
 * of headers, records and approval receipts (the member may send less). Sent directly; answered
 * with a {@link BranchPage}. The inventory collects a whole branch by asking page after page.
 */
public record BranchRequest(
    long requestId, Peer origin, long fromBlock, long fromRecord, long maxBytes)
    implements LedgerMessage {
  /** The smallest page a request may ask for. */
  public static final long MIN_PAGE_BYTES = 4096;

  public BranchRequest {
    Limits.peer(origin, "origin");
    if (fromBlock < 0) {
      throw new IllegalArgumentException("from block must not be negative: " + fromBlock);
    }
    if (fromRecord < 0 || fromRecord > 0xffff_ffffL) {
      throw new IllegalArgumentException("from record must be a u32: " + fromRecord);
    }
    if (maxBytes < MIN_PAGE_BYTES || maxBytes > Limits.MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException(
          "page size must be "
              + MIN_PAGE_BYTES
              + ".."
              + Limits.MAX_MESSAGE_BYTES
              + ": "
              + maxBytes);
    }
  }

  @Override
  public Kind kind() {
    return Kind.BRANCH;
  }
}
