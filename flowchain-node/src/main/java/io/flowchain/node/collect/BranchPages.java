package io.flowchain.node.collect;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.BranchRequest;
import io.flowchain.node.message.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a member answers a {@link BranchRequest} from its own store: the blocks from the requested
 * position on, as many as fit the page size (headers, records and receipts counted), at least one
 * record or block so that every page makes progress. Reads the store; call it where the store's
 * writer runs (the node's thread) so that a page is one consistent view.
 */
public final class BranchPages {
  /** Bytes a block costs in a page besides its records: the header and its section fields. */
  static final int SECTION_BYTES = BlockHeader.SIZE + 11;

  private BranchPages() {}

  /**
   * The page of {@code store}'s branch that answers {@code request}, at most {@code maxBytes} (the
   * smaller of the request's and the answerer's own limit) of headers, records and receipts.
   */
  public static BranchPage answer(
      LedgerStore store, BranchRequest request, long maxBytes, List<Peer> successors) {
    long budget = Math.min(request.maxBytes(), maxBytes);
    long height = store.height();
    List<BranchPage.Section> sections = new ArrayList<>();
    List<ApprovalReceipt> receipts = new ArrayList<>();
    long bytes = 0;
    int records = 0;
    boolean more = false;
    for (long no = request.fromBlock(); no <= height; no++) {
      if (!sections.isEmpty()
          && (bytes + SECTION_BYTES > budget || sections.size() == Limits.MAX_RECORDS)) {
        more = true;
        break;
      }
      Optional<BlockHeader> stored = store.header(no);
      if (stored.isEmpty()) {
        throw new IllegalStateException("the branch has no block " + no);
      }
      BlockHeader header = stored.get();
      List<Record> all = no == 0 ? List.of() : store.recordsInBlock(no);
      long first = no == request.fromBlock() ? Math.min(request.fromRecord(), all.size()) : 0;
      bytes += SECTION_BYTES;
      List<Record> sent = new ArrayList<>();
      for (int i = (int) first; i < all.size(); i++) {
        Record r = all.get(i);
        Optional<ApprovalReceipt> receipt = store.approval(r.txId());
        long size = 4 + r.toBytes().length + receipt.map(a -> 4 + a.toBytes().length).orElse(0);
        if (records == Limits.MAX_RECORDS || (records > 0 && bytes + size > budget)) {
          more = true;
          break;
        }
        bytes += size;
        records++;
        sent.add(r);
        receipt.ifPresent(receipts::add);
      }
      sections.add(
          new BranchPage.Section(
              header, store.invalidReason(no).orElse(null), first, all.size(), sent));
      if (more) {
        break;
      }
    }
    return new BranchPage(request.requestId(), height, sections, receipts, more, successors);
  }
}
