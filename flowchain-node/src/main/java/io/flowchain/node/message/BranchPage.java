package io.flowchain.node.message;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A page of the answerer's own branch ({@link BranchRequest}): consecutive blocks, each with its
 * local invalid label and a run of its records, the approval receipts of those records it holds,
 * its branch height when it answered, whether it holds more after the page ({@code more}), and its
 * successor list (so that the inventory's ring walk goes on).
 *
 * <p>Shape rules, checked when built (and so when decoded): blocks are consecutive; only the first
 * may start after its first record ({@code first > 0}) and only the last may stop before its last
 * ({@code first + records < total}); every record belongs to its block and every block after
 * genesis has the same miner; genesis holds no records; every receipt is of a record of the page,
 * at most once. Whether the headers, records and receipts verify is the collector's business.
 */
public record BranchPage(
    long requestId,
    long height,
    List<Section> blocks,
    List<ApprovalReceipt> receipts,
    boolean more,
    List<Peer> successors)
    implements LedgerMessage {

  /**
   * One block of a page: its header, its label ({@code null} if none), the index of the first
   * record sent ({@code first}), how many records the block held when the page was made ({@code
   * total}), and the records sent.
   */
  public record Section(
      BlockHeader header, InvalidReason label, long first, long total, List<Record> records) {
    public Section {
      if (header == null) {
        throw new IllegalArgumentException("section header missing");
      }
      records = Limits.list(records, Limits.MAX_RECORDS, "records");
      if (first < 0 || total > 0xffff_ffffL || first + records.size() > total) {
        throw new IllegalArgumentException(
            "block "
                + header.no()
                + ": records "
                + first
                + "+"
                + records.size()
                + " beyond its total "
                + total);
      }
      if (header.no() == 0 && total != 0) {
        throw new IllegalArgumentException("the genesis block holds no records");
      }
      for (Record r : records) {
        if (r.blockNo() != header.no() || !r.recorder().equals(header.minerId())) {
          throw new IllegalArgumentException(
              "record " + r.txId() + " is not of block " + header.no() + " of its miner");
        }
      }
    }

    /** Whether the section ends with the block's last record (as the answerer held it). */
    public boolean complete() {
      return first + records.size() == total;
    }
  }

  public BranchPage {
    if (height < 0) {
      throw new IllegalArgumentException("height must not be negative: " + height);
    }
    blocks = Limits.list(blocks, Limits.MAX_RECORDS, "blocks");
    receipts = Limits.list(receipts, Limits.MAX_RECORDS, "approval receipts");
    successors = Limits.peers(successors);
    check(height, blocks, receipts);
  }

  private static void check(long height, List<Section> blocks, List<ApprovalReceipt> receipts) {
    Set<TxId> txIds = new HashSet<>();
    NodeId miner = null;
    int records = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Section s = blocks.get(i);
      long no = s.header().no();
      if (no > height) {
        throw new IllegalArgumentException("block " + no + " above the height " + height);
      }
      if (i > 0 && no != blocks.get(i - 1).header().no() + 1) {
        throw new IllegalArgumentException("blocks of a page must be consecutive");
      }
      if (i > 0 && s.first() != 0) {
        throw new IllegalArgumentException("only the first block of a page may start later");
      }
      if (i < blocks.size() - 1 && !s.complete()) {
        throw new IllegalArgumentException("only the last block of a page may stop early");
      }
      if (no > 0) {
        if (miner == null) {
          miner = s.header().minerId();
        } else if (!miner.equals(s.header().minerId())) {
          throw new IllegalArgumentException("a page holds blocks of one miner only");
        }
      }
      records += s.records().size();
      s.records().forEach(r -> txIds.add(r.txId()));
    }
    if (records > Limits.MAX_RECORDS) {
      throw new IllegalArgumentException(
          "too many records: " + records + " (at most " + Limits.MAX_RECORDS + ")");
    }
    Set<TxId> receipted = new HashSet<>();
    for (ApprovalReceipt a : receipts) {
      if (!txIds.contains(a.txId())) {
        throw new IllegalArgumentException("receipt of " + a.txId() + " whose record is not here");
      }
      if (!receipted.add(a.txId())) {
        throw new IllegalArgumentException("two receipts of " + a.txId());
      }
    }
  }

  @Override
  public Kind kind() {
    return Kind.BRANCH_PAGE;
  }
}
