package io.flowchain.node.collect;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Seal;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.node.message.BranchPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One member's branch as it is collected, page by page ({@link BranchPage}), into a snapshot that
 * can be verified and merged like an export ({@link BranchSource}).
 *
 * <p>The member keeps recording while it is collected, and records are only appended to a block, so
 * each block held is a prefix of what the member holds. A block collected while it was open may be
 * sealed by a header of a later page with more records than were collected: {@link #next()} then
 * asks for the rest of that block before going on. The snapshot ends at the highest block
 * collected; its newest blocks may be open, and their records are a prefix (checked one by one, as
 * the newest blocks of any branch are). A page that contradicts what was collected before (another
 * header for a block, other records at the same places, a gap) makes the branch {@link #fault()
 * faulty}.
 *
 * <p>Not thread-safe.
 */
public final class CollectedBranch implements BranchSource {
  private final NodeId member;
  private final List<BlockHeader> headers = new ArrayList<>();
  private final List<InvalidReason> labels = new ArrayList<>();
  private final List<List<Record>> records = new ArrayList<>();
  private final Map<TxId, ApprovalReceipt> receipts = new TreeMap<>();
  private final TreeSet<Long> shortOfSeal = new TreeSet<>();
  private long memberHeight;
  private long pages;
  private boolean more = true;
  private long resumeBlock;
  private String fault;

  /** A branch of {@code member} with nothing collected yet. */
  public CollectedBranch(NodeId member) {
    this.member = member;
  }

  /** The member whose branch this is. */
  public NodeId member() {
    return member;
  }

  /**
   * Adds a page that answered the request at {@link #next()}. Returns false, and sets {@link
   * #fault()}, if the page contradicts what was collected, belongs to another miner or adds
   * nothing.
   */
  public boolean add(BranchPage page) {
    if (fault != null) {
      return false;
    }
    pages++;
    memberHeight = Math.max(memberHeight, page.height());
    int before = progressMark();
    for (BranchPage.Section s : page.blocks()) {
      String problem = add(s);
      if (problem != null) {
        fault = "page " + pages + ": " + problem;
        return false;
      }
    }
    for (ApprovalReceipt a : page.receipts()) {
      receipts.put(a.txId(), a);
    }
    more = page.more();
    if (!page.blocks().isEmpty()) {
      resumeBlock = page.blocks().get(page.blocks().size() - 1).header().no();
    }
    if (progressMark() == before && next().isPresent()) {
      fault = "page " + pages + " adds nothing to what was collected";
      return false;
    }
    return true;
  }

  private int progressMark() {
    int n = headers.size();
    for (List<Record> r : records) {
      n += r.size();
    }
    return n;
  }

  private String add(BranchPage.Section s) {
    BlockHeader h = s.header();
    long no = h.no();
    if (no > 0 && !h.minerId().equals(member)) {
      return "block " + no + " is of miner " + h.minerId() + ", not of the member asked";
    }
    if (no > headers.size()) {
      return "block " + no + " comes before block " + headers.size();
    }
    if (no == headers.size()) {
      headers.add(h);
      labels.add(s.label());
      records.add(new ArrayList<>());
      Seal seal = h.seal();
      if (seal.sealedNo() > 0 && seal.sealedNo() < no) {
        int held = records.get((int) seal.sealedNo()).size();
        if (held < seal.recordCount()) {
          shortOfSeal.add(seal.sealedNo());
        }
      }
    } else if (!Arrays.equals(headers.get((int) no).toBytes(), h.toBytes())) {
      return "block " + no + " differs from the one collected before";
    } else if (s.label() != null) {
      labels.set((int) no, s.label()); // a block may turn invalid while it is collected
    }
    List<Record> held = records.get((int) no);
    if (s.first() > held.size()) {
      return "records of block " + no + " from " + s.first() + " leave a gap after " + held.size();
    }
    for (int i = 0; i < s.records().size(); i++) {
      long at = s.first() + i;
      Record r = s.records().get(i);
      if (at < held.size()) {
        if (!Arrays.equals(held.get((int) at).toBytes(), r.toBytes())) {
          return "record " + at + " of block " + no + " differs from the one collected before";
        }
      } else {
        held.add(r);
      }
    }
    if (shortOfSeal.contains(no) && held.size() >= sealedCount(no)) {
      shortOfSeal.remove(no);
    }
    return null;
  }

  private long sealedCount(long no) {
    for (int k = (int) no + 1; k < headers.size(); k++) {
      if (headers.get(k).seal().sealedNo() == no) {
        return headers.get(k).seal().recordCount();
      }
    }
    return Long.MAX_VALUE;
  }

  /**
   * Where to ask next, as {@code {block, record}}: the first block sealed with more records than
   * collected, else where the last page stopped; empty when the branch is collected (or faulty).
   */
  public Optional<long[]> next() {
    if (fault != null) {
      return Optional.empty();
    }
    if (!shortOfSeal.isEmpty()) {
      long no = shortOfSeal.first();
      return Optional.of(new long[] {no, records.get((int) no).size()});
    }
    if (headers.isEmpty()) {
      return Optional.of(new long[] {0, 0});
    }
    if (!more) {
      return Optional.empty();
    }
    return Optional.of(new long[] {resumeBlock, records.get((int) resumeBlock).size()});
  }

  /** Why the pages could not be put together, or null. */
  public String fault() {
    return fault;
  }

  /** Pages added. */
  public long pages() {
    return pages;
  }

  /** The member's branch height in its last answer. */
  public long memberHeight() {
    return memberHeight;
  }

  /** Records collected. */
  public long recordCount() {
    long n = 0;
    for (List<Record> r : records) {
      n += r.size();
    }
    return n;
  }

  @Override
  public long height() {
    return headers.size() - 1;
  }

  @Override
  public BlockHeader header(long no) {
    return headers.get(Math.toIntExact(no));
  }

  @Override
  public List<Record> records(long no) {
    return Collections.unmodifiableList(records.get(Math.toIntExact(no)));
  }

  @Override
  public Optional<InvalidReason> invalidLabel(long no) {
    return Optional.ofNullable(labels.get(Math.toIntExact(no)));
  }

  @Override
  public List<ApprovalReceipt> approvals() {
    return List.copyOf(receipts.values());
  }
}
