package io.flowchain.core.verify;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore;
import java.util.List;
import java.util.Optional;

/** A branch to verify: its headers, the records of each block in order, local invalid labels. */
public interface BranchSource {
  /** Number of the highest block (0 for a branch that is only the genesis). */
  long height();

  BlockHeader header(long no);

  /** The records of block {@code no} in the order they were recorded. */
  List<Record> records(long no);

  /** The node's own label for block {@code no}, if it has one. */
  Optional<InvalidReason> invalidLabel(long no);

  /**
   * The approval receipts of the branch's records (its miner's Flowcoins), in any order. None by
   * default.
   */
  default List<ApprovalReceipt> approvals() {
    return List.of();
  }

  /** A source that reads from a store. */
  static BranchSource of(LedgerStore store) {
    return new BranchSource() {
      @Override
      public long height() {
        return store.height();
      }

      @Override
      public BlockHeader header(long no) {
        return store
            .header(no)
            .orElseThrow(() -> new IllegalStateException("block " + no + " is missing"));
      }

      @Override
      public List<Record> records(long no) {
        return store.recordsInBlock(no);
      }

      @Override
      public Optional<InvalidReason> invalidLabel(long no) {
        return store.invalidReason(no);
      }

      @Override
      public List<ApprovalReceipt> approvals() {
        List<ApprovalReceipt> out = new java.util.ArrayList<>();
        io.flowchain.core.types.TxId after = null;
        while (true) {
          List<ApprovalReceipt> page = store.approvals(after, 1024);
          out.addAll(page);
          if (page.size() < 1024) {
            return out;
          }
          after = page.get(page.size() - 1).txId();
        }
      }
    };
  }
}
