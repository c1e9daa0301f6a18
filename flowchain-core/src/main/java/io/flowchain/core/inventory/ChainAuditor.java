package io.flowchain.core.inventory;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Seal;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Audits a merged chain against the branches it was merged from: every branch verifies in full; the
 * chain links from the genesis hash; rounds and the order within each round are right; every entry
 * says exactly what its branch says about the block; every sealed block of every branch is merged
 * exactly once; the head is signed by a network administrator. Reports the first fault. Every
 * branch's approval receipts are verified with it ({@link BranchVerifier}). Not thread-safe.
 */
public final class ChainAuditor {
  private final NetworkParams params;
  private long coins;

  public ChainAuditor(NetworkParams params) {
    this.params = params;
  }

  /**
   * What an audit found: counts, and the first fault ({@code null} if none). {@code coins} counts
   * the approval receipts of the branches verified so far (each one Flowcoin).
   */
  public record AuditReport(
      int branches,
      long mergedBlocks,
      long mergedRecords,
      long invalidBlocks,
      long coins,
      String fault) {
    public boolean ok() {
      return fault == null;
    }
  }

  public AuditReport audit(
      MergedChain chain, List<? extends BranchSource> branches, Consumer<String> progress) {
    Map<NodeId, BranchSource> byMiner = new HashMap<>();
    BranchVerifier verifier = new BranchVerifier(params);
    long invalid = 0;
    coins = 0;
    for (BranchSource b : branches) {
      if (b.height() < 1) {
        continue;
      }
      NodeId miner = b.header(1).minerId();
      VerificationReport r = verifier.verify(b);
      progress.accept(
          "branch " + miner + ": " + r.blocks() + " blocks, " + r.records() + " records");
      if (!r.ok()) {
        return fail(branches, chain, invalid, "branch of " + miner + ": " + r.fault());
      }
      coins += r.approvals();
      if (byMiner.put(miner, b) != null) {
        return fail(branches, chain, invalid, "two branches of miner " + miner);
      }
    }
    Hash prev = Genesis.of(params).hash();
    MergedBlock last = null;
    Set<String> seen = new HashSet<>();
    for (MergedBlock m : chain.blocks()) {
      String at = "merged block " + m.index() + ": ";
      if (m.index() != (last == null ? 0 : last.index() + 1)) {
        return fail(branches, chain, invalid, at + "wrong index");
      }
      if (!m.previousHash().equals(prev)) {
        return fail(
            branches, chain, invalid, at + "previousHash does not link to the entry before");
      }
      long expectedRound = last == null ? 1 : last.round();
      if (m.round() != expectedRound && m.round() != expectedRound + 1) {
        return fail(branches, chain, invalid, at + "round " + m.round() + " out of sequence");
      }
      if (last != null && m.round() == last.round() && MergedBlock.compareInRound(last, m) >= 0) {
        return fail(
            branches, chain, invalid, at + "not ordered by (timestamp, miner id) in its round");
      }
      String mismatch = checkAgainstBranch(m, byMiner.get(m.minerId()));
      if (mismatch != null) {
        return fail(branches, chain, invalid, at + mismatch);
      }
      if (!seen.add(m.minerId() + "/" + m.branchNo())) {
        return fail(branches, chain, invalid, at + "block merged twice");
      }
      if (m.status() != null) {
        invalid++;
      }
      prev = m.hash();
      last = m;
    }
    for (Map.Entry<NodeId, BranchSource> e : byMiner.entrySet()) {
      BranchSource b = e.getValue();
      long lastSealed = b.header(b.height()).seal().sealedNo();
      for (long no = 1; no <= lastSealed; no++) {
        if (!seen.contains(e.getKey() + "/" + no)) {
          return fail(
              branches,
              chain,
              invalid,
              "sealed block " + no + " of " + e.getKey() + " is missing from the merged chain");
        }
      }
    }
    if (!chain.signatureValid()) {
      return fail(
          branches,
          chain,
          invalid,
          "the head signature is not a valid signature of a network administrator");
    }
    return new AuditReport(
        branches.size(), chain.blocks().size(), chain.recordCount(), invalid, coins, null);
  }

  private String checkAgainstBranch(MergedBlock m, BranchSource b) {
    if (b == null) {
      return "miner " + m.minerId() + " has no branch in the inventory";
    }
    long lastSealed = b.header(b.height()).seal().sealedNo();
    if (m.branchNo() > lastSealed) {
      return "block " + m.branchNo() + " of " + m.minerId() + " is not sealed";
    }
    BlockHeader h = b.header(m.branchNo());
    Seal s = sealOf(b, m.branchNo());
    if (!h.hash().equals(m.branchBlockHash()) || h.timestamp() != m.timestamp()) {
      return "does not match block " + m.branchNo() + " of " + m.minerId();
    }
    if (s.recordCount() != m.recordCount()
        || !s.merkleRoot().equals(m.merkleRoot())
        || s.reason() != m.status()) {
      return "does not match the seal of block " + m.branchNo() + " of " + m.minerId();
    }
    return null;
  }

  private static Seal sealOf(BranchSource b, long no) {
    // seals come in order, one per header once they start: block no is sealed by no + window
    long window = b.header(b.height()).no() - b.header(b.height()).seal().sealedNo();
    return b.header(no + window).seal();
  }

  private AuditReport fail(
      List<? extends BranchSource> branches, MergedChain chain, long invalid, String fault) {
    return new AuditReport(
        branches.size(), chain.blocks().size(), chain.recordCount(), invalid, coins, fault);
  }
}
