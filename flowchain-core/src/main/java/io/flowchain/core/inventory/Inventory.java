package io.flowchain.core.inventory;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Seal;
import io.flowchain.core.merkle.MerkleProof;
import io.flowchain.core.merkle.MerkleTree;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The administrator's branch merge (paper §3.1): verify every branch completely, then append every
 * sealed virtual block not merged yet to the merged chain, ordered by (timestamp, miner id) within
 * the round, and sign the new head. Run it once, or again and again as a monitor: each run is one
 * round and only adds blocks sealed since the last. Invalid blocks are merged too, marked with
 * their reason. Unsealed blocks (the newest of each branch) wait for their seal.
 */
public final class Inventory {
  private final NetworkParams params;
  private final NodeKeyPair admin;

  public Inventory(NetworkParams params, NodeKeyPair admin) {
    if (!params.administrators().contains(admin.publicKey())) {
      throw new IllegalArgumentException(
          "key " + admin.publicKey() + " is not an administrator of network " + params.name());
    }
    this.params = params;
    this.admin = admin;
  }

  /**
   * The outcome of a round: its number (the round label its new entries carry, even when it added
   * none), the new chain, each branch's verification report, and how many entries it added.
   */
  public record Round(
      long number, MergedChain chain, Map<NodeId, VerificationReport> reports, int added) {}

  /** Thrown when a branch does not verify: nothing is merged in that round. */
  public static final class BranchRejected extends IllegalStateException {
    public BranchRejected(String message) {
      super(message);
    }
  }

  /**
   * Merges {@code branches} onto {@code previous} (null for a new chain). {@code progress} is told
   * about each branch verified.
   *
   * @throws BranchRejected if a branch fails verification
   */
  public Round merge(MergedChain previous, List<BranchSource> branches, Consumer<String> progress) {
    BranchVerifier verifier = new BranchVerifier(params);
    Map<NodeId, VerificationReport> reports = new HashMap<>();
    Map<NodeId, Long> merged = lastMergedPerMiner(previous);
    List<MergedBlock> fresh = new ArrayList<>();
    long round = previous == null ? 1 : previous.lastRound() + 1;
    for (BranchSource b : branches) {
      if (b.height() < 1) {
        continue; // a branch with no mined block has nothing to merge
      }
      NodeId miner = b.header(1).minerId();
      VerificationReport report = verifier.verify(b);
      progress.accept("verified branch of " + miner + ": " + report.records() + " records");
      if (!report.ok()) {
        throw new BranchRejected("branch of " + miner + " does not verify: " + report.fault());
      }
      if (reports.put(miner, report) != null) {
        throw new BranchRejected("two branches of the same miner " + miner);
      }
      long lastSealed = b.header(b.height()).seal().sealedNo();
      Map<Long, Seal> seals = new HashMap<>();
      for (long no = 1; no <= b.height(); no++) {
        Seal s = b.header(no).seal();
        if (s.sealedNo() > 0) {
          seals.put(s.sealedNo(), s);
        }
      }
      for (long no = merged.getOrDefault(miner, 0L) + 1; no <= lastSealed; no++) {
        BlockHeader h = b.header(no);
        Seal s = seals.get(no);
        fresh.add(
            new MergedBlock(
                0,
                Hash.ZERO,
                round,
                miner,
                no,
                h.hash(),
                h.timestamp(),
                s.reason(),
                s.recordCount(),
                s.merkleRoot()));
      }
    }
    fresh.sort(MergedBlock::compareInRound);
    List<MergedBlock> chain = new ArrayList<>(previous == null ? List.of() : previous.blocks());
    Hash prev = previous == null ? Genesis.of(params).hash() : previous.headHash();
    for (MergedBlock m : fresh) {
      MergedBlock linked =
          new MergedBlock(
              chain.size(),
              prev,
              m.round(),
              m.minerId(),
              m.branchNo(),
              m.branchBlockHash(),
              m.timestamp(),
              m.status(),
              m.recordCount(),
              m.merkleRoot());
      chain.add(linked);
      prev = linked.hash();
    }
    return new Round(round, MergedChain.sign(params, chain, admin), reports, fresh.size());
  }

  /** Where a record sits in the merged chain and its Merkle proof against that entry's root. */
  public record RecordProof(long mergedIndex, MergedBlock entry, MerkleProof proof) {
    public boolean verify(TxId txId) {
      return proof.verify(txId, entry.merkleRoot(), entry.recordCount());
    }
  }

  /** The proof of {@code txId}, recorded in {@code branch}, if its block is merged. */
  public static Optional<RecordProof> prove(MergedChain chain, BranchSource branch, TxId txId) {
    if (branch.height() < 1) {
      return Optional.empty();
    }
    NodeId miner = branch.header(1).minerId();
    for (MergedBlock m : chain.blocks()) {
      if (!m.minerId().equals(miner)) {
        continue;
      }
      List<Record> records = branch.records(m.branchNo());
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).txId().equals(txId)) {
          List<TxId> ids = records.stream().map(Record::txId).toList();
          return Optional.of(new RecordProof(m.index(), m, MerkleTree.proof(ids, i)));
        }
      }
    }
    return Optional.empty();
  }

  private static Map<NodeId, Long> lastMergedPerMiner(MergedChain previous) {
    Map<NodeId, Long> out = new HashMap<>();
    if (previous != null) {
      for (MergedBlock m : previous.blocks()) {
        out.merge(m.minerId(), m.branchNo(), Math::max);
      }
    }
    return out;
  }
}
