package io.flowchain.core.verify;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.approval.Refusal;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Seal;
import io.flowchain.core.ledger.TxHashes;
import io.flowchain.core.merkle.MerkleTree;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Checks a whole branch: genesis, every hash link, block numbers, timestamps, difficulty (in the
 * network's table and met by the hash), one miner whose id is SHA-1 of its key, every miner
 * signature, the seal order and every seal's Merkle root, count and status against the records
 * stored, every record (block reference, data key, txID, recorder, signature, no duplicates) and,
 * in full scope, every approval receipt (its record is in the branch, {@link
 * ApprovalRules#checkReceipt}, one per record). Stops at the first fault and says precisely where
 * it is.
 */
public final class BranchVerifier {
  /** Blocks with at least this many records have their records checked in parallel. */
  private static final int PARALLEL_FROM = 64;

  private final NetworkParams params;

  public BranchVerifier(NetworkParams params) {
    this.params = params;
  }

  public VerificationReport verify(BranchSource branch) {
    return new Run(branch, Scope.FULL).run();
  }

  /** Verifies {@code branch} to the given {@code scope}. */
  public VerificationReport verify(BranchSource branch, Scope scope) {
    return new Run(branch, scope).run();
  }

  /** How much of a branch to check. */
  public enum Scope {
    /** Everything: every header, every seal and every record. */
    FULL,
    /**
     * Every header (links, numbers, timestamps, difficulty, miner, signatures, seal order) and
     * every record of the blocks the newest header has not sealed yet; the records of sealed blocks
     * and their seals are not read. Its cost is independent of the number of sealed records, which
     * makes it fit for a node's start; the report's record counts cover the unsealed blocks only.
     */
    HEADERS_AND_UNSEALED
  }

  private final class Run {
    private final BranchSource branch;
    private final Scope scope;
    private long firstUnread;
    private long records;
    private long sealed;
    private long invalid;
    private final Set<TxId> seen = new HashSet<>();
    private final Map<Long, List<TxId>> unsealed = new HashMap<>();
    private final Map<TxId, ApprovalReceipt> receipts = new HashMap<>();
    private final ApprovalRules rules = new ApprovalRules(params);
    private long approvals;

    Run(BranchSource branch, Scope scope) {
      this.branch = branch;
      this.scope = scope;
    }

    VerificationReport run() {
      long height = branch.height();
      if (height < 0) {
        return report(0, new Fault(FaultKind.EMPTY_BRANCH, 0, null, "the branch has no blocks"));
      }
      BlockHeader genesis = Genesis.of(params);
      BlockHeader first = branch.header(0);
      Hash prevHash = first.hash();
      if (!Arrays.equals(first.toBytes(), genesis.toBytes())) {
        return report(
            0,
            fault(
                FaultKind.GENESIS_MISMATCH,
                0,
                "genesis block (hash "
                    + prevHash
                    + ") is not this network's (hash "
                    + genesis.hash()
                    + ")"));
      }
      if (!branch.records(0).isEmpty()) {
        return report(0, fault(FaultKind.RECORDS_IN_GENESIS, 0, "the genesis block holds records"));
      }
      if (scope == Scope.FULL) {
        for (ApprovalReceipt r : branch.approvals()) {
          if (receipts.put(r.txId(), r) != null) {
            return report(
                0, fault(FaultKind.DUPLICATE_APPROVAL, 0, r.txId(), "two approval receipts"));
          }
        }
      }
      BlockHeader prev = first;
      NodePublicKey miner = null;
      long lastSealed = 0;
      // records of blocks below firstUnread are not read (Scope.HEADERS_AND_UNSEALED)
      firstUnread = scope == Scope.FULL ? 0 : branch.header(height).seal().sealedNo() + 1;
      for (long no = 1; no <= height; no++) {
        BlockHeader h = branch.header(no);
        Hash hash = h.hash();
        Fault f = checkHeader(h, hash, prev, prevHash, no, miner, lastSealed);
        if (f == null && h.seal().sealedNo() != 0) {
          f = h.seal().sealedNo() < firstUnread ? null : checkSeal(h);
          lastSealed = h.seal().sealedNo();
        }
        if (f == null && no >= firstUnread) {
          f = checkRecords(h, hash);
        }
        if (f != null) {
          return report(no, f);
        }
        miner = h.minerKey();
        prev = h;
        prevHash = hash;
      }
      if (!receipts.isEmpty()) { // receipts of records the branch does not hold
        TxId unknown = receipts.keySet().iterator().next();
        return report(
            height,
            fault(
                FaultKind.APPROVAL_UNKNOWN_RECORD,
                height,
                unknown,
                "an approval receipt names a record that is not in the branch"));
      }
      // blocks never sealed: count their invalid labels too
      for (long no = lastSealed + 1; no <= height; no++) {
        if (branch.invalidLabel(no).isPresent()) {
          invalid++;
        }
      }
      return report(height, null);
    }

    private Fault checkHeader(
        BlockHeader h,
        Hash hash,
        BlockHeader prev,
        Hash prevHash,
        long no,
        NodePublicKey miner,
        long lastSealed) {
      if (h.no() != no) {
        return fault(FaultKind.WRONG_BLOCK_NUMBER, no, "header says block " + h.no());
      }
      if (!h.previousHash().equals(prevHash)) {
        return fault(
            FaultKind.BROKEN_LINK,
            no,
            "previousHash "
                + h.previousHash()
                + " is not the hash of block "
                + (no - 1)
                + " ("
                + prevHash
                + ")");
      }
      if (h.timestamp() < prev.timestamp()) {
        return fault(
            FaultKind.TIMESTAMP_BACKWARDS,
            no,
            "timestamp "
                + h.timestamp()
                + " is before block "
                + (no - 1)
                + "'s "
                + prev.timestamp());
      }
      if (!params.allowsDifficulty(h.difficulty())) {
        return fault(
            FaultKind.DIFFICULTY_NOT_IN_TABLE,
            no,
            "difficulty " + h.difficulty() + " is not in the network's difficulty table");
      }
      if (!h.difficulty().isMetBy(hash)) {
        return fault(
            FaultKind.DIFFICULTY_NOT_MET,
            no,
            "block hash " + hash + " does not meet its difficulty " + h.difficulty());
      }
      if (!h.minerKey().nodeId().equals(h.minerId())) {
        return fault(
            FaultKind.MINER_ID_MISMATCH,
            no,
            "miner id "
                + h.minerId()
                + " is not SHA-1 of the miner key ("
                + h.minerKey().nodeId()
                + ")");
      }
      if (miner != null && !miner.equals(h.minerKey())) {
        return fault(
            FaultKind.MINER_CHANGED, no, "mined by " + h.minerId() + ", not by the branch's miner");
      }
      if (!h.signatureValid()) {
        return fault(FaultKind.BAD_BLOCK_SIGNATURE, no, "the miner's signature does not verify");
      }
      long s = h.seal().sealedNo();
      boolean ordered = s == 0 ? lastSealed == 0 : s == lastSealed + 1;
      if (!ordered) {
        return fault(
            FaultKind.BAD_SEAL_ORDER,
            no,
            "seals block " + s + " but the previous seal was of block " + lastSealed);
      }
      return null;
    }

    private Fault checkRecords(BlockHeader h, Hash hash) {
      long no = h.no();
      List<Record> recs = branch.records(no);
      // the signature checks dominate: run them on all cores, then report the first fault in order
      Fault[] faults = new Fault[recs.size()];
      Hash hBlock = h.hBlock();
      IntStream indexes = IntStream.range(0, recs.size());
      (recs.size() >= PARALLEL_FROM ? indexes.parallel() : indexes)
          .forEach(i -> faults[i] = checkRecord(recs.get(i), h, hash, hBlock));
      List<TxId> ids = new ArrayList<>(recs.size());
      for (int i = 0; i < recs.size(); i++) {
        if (faults[i] != null) {
          return faults[i];
        }
        TxId tx = recs.get(i).txId();
        if (!seen.add(tx)) {
          return fault(FaultKind.DUPLICATE_RECORD, no, tx, "the record appears twice");
        }
        ids.add(tx);
        if (receipts.remove(tx) != null) {
          approvals++;
        }
      }
      records += ids.size();
      unsealed.put(no, ids);
      return null;
    }

    private Fault checkRecord(Record r, BlockHeader h, Hash hash, Hash hBlock) {
      long no = h.no();
      TxId tx = r.txId();
      if (r.blockNo() != no || !r.blockHash().equals(hash)) {
        return fault(
            FaultKind.RECORD_WRONG_BLOCK,
            no,
            tx,
            "record names block " + r.blockNo() + " " + r.blockHash() + ", not " + hash);
      }
      Key key = r.submission().dataKey();
      if (!key.equals(r.dataKey())) {
        return fault(
            FaultKind.RECORD_DATA_KEY, no, tx, "data key " + r.dataKey() + " should be " + key);
      }
      TxId expected = TxHashes.txId(hBlock, key);
      if (!expected.equals(tx)) {
        return fault(FaultKind.RECORD_TXID, no, tx, "txID should be " + expected);
      }
      if (!r.recorder().equals(h.minerId())) {
        return fault(
            FaultKind.RECORD_RECORDER,
            no,
            tx,
            "recorder " + r.recorder() + " is not the branch's miner " + h.minerId());
      }
      if (!r.signatureValidFor(h.minerKey())) {
        return fault(
            FaultKind.RECORD_SIGNATURE, no, tx, "the recorder's signature does not verify");
      }
      ApprovalReceipt receipt = receipts.get(tx);
      if (receipt != null) {
        Optional<Refusal> bad = rules.checkReceipt(receipt, r, h.minerKey());
        if (bad.isPresent()) {
          return fault(FaultKind.BAD_APPROVAL, no, tx, "approval receipt: " + bad.get().message());
        }
      }
      return null;
    }

    private Fault checkSeal(BlockHeader h) {
      Seal seal = h.seal();
      long target = seal.sealedNo();
      List<TxId> ids = unsealed.remove(target);
      Hash root = ids.isEmpty() ? Hash.ZERO : MerkleTree.root(ids);
      if (ids.size() != seal.recordCount() || !root.equals(seal.merkleRoot())) {
        return fault(
            FaultKind.SEAL_MISMATCH,
            h.no(),
            "seal of block "
                + target
                + " says "
                + seal.recordCount()
                + " records with root "
                + seal.merkleRoot()
                + ", the block holds "
                + ids.size()
                + " with root "
                + root);
      }
      Optional<InvalidReason> label = branch.invalidLabel(target);
      if (label.isPresent() && label.get() != seal.reason()) {
        return fault(
            FaultKind.SEAL_STATUS_MISMATCH,
            h.no(),
            "block "
                + target
                + " is labelled "
                + label.get()
                + " but sealed as "
                + (seal.reason() == null ? "valid" : seal.reason()));
      }
      if (seal.reason() != null) {
        invalid++;
      }
      sealed += ids.size();
      return null;
    }

    private Fault fault(FaultKind kind, long no, String message) {
      return new Fault(kind, no, null, message);
    }

    private Fault fault(FaultKind kind, long no, TxId tx, String message) {
      return new Fault(kind, no, tx, message);
    }

    private VerificationReport report(long blocks, Fault fault) {
      return new VerificationReport(
          blocks, records, sealed, records - sealed, invalid, approvals, fault);
    }
  }
}
