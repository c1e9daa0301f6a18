package io.flowchain.core.export;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.verify.BranchSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Writes a branch export: the network parameters, then every block of a branch with its local
 * invalid label and its records, then the approval receipts of its records (its miner's Flowcoins),
 * then a SHA-256 of everything before it. The layout is in docs/protocol.md §9; {@link
 * ExportedBranch} reads it back.
 */
public final class BranchExport {
  static final byte[] MAGIC = "FCBRANCH".getBytes(StandardCharsets.US_ASCII);

  /** The version written: 2 adds the approval receipts after the blocks. */
  static final int VERSION = 2;

  /** The first version, without approval receipts; still read. */
  static final int VERSION_WITHOUT_APPROVALS = 1;

  private BranchExport() {}

  /**
   * Streams {@code branch} to {@code out} (not closed). {@code progress} is told each block number
   * written.
   */
  public static void write(
      NetworkParams params, BranchSource branch, OutputStream out, LongConsumer progress)
      throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    DigestOutputStream d = new DigestOutputStream(out, sha);
    long height = branch.height();
    d.write(
        new CanonicalWriter()
            .raw(MAGIC)
            .u8(VERSION)
            .bytes(params.canonicalBytes())
            .i64(height)
            .toByteArray());
    for (long no = 0; no <= height; no++) {
      BlockHeader h = branch.header(no);
      var records = branch.records(no);
      CanonicalWriter w = new CanonicalWriter(BlockHeader.SIZE + 8);
      w.raw(h.toBytes())
          .u8(branch.invalidLabel(no).map(InvalidReason::code).orElse(0))
          .u32(records.size());
      d.write(w.toByteArray());
      for (Record r : records) {
        d.write(new CanonicalWriter(300).bytes(r.toBytes()).toByteArray());
      }
      progress.accept(no);
    }
    List<ApprovalReceipt> approvals = branch.approvals();
    d.write(new CanonicalWriter(4).u32(approvals.size()).toByteArray());
    for (ApprovalReceipt a : approvals) {
      d.write(new CanonicalWriter(1024).bytes(a.toBytes()).toByteArray());
    }
    d.flush();
    out.write(sha.digest());
    out.flush();
  }
}
