package io.flowchain.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.approval.ApprovalKit;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.BranchExport;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approval receipts travel in branch exports (.fcb version 2) and the verifier checks them. */
class ApprovalVerificationTest {
  private final ApprovalKit unbound = new ApprovalKit(21);
  private final NetworkParams params = Fixture.params(List.of(unbound.admin.publicKey()));
  private final ApprovalKit kit = unbound.certifiedFor(params);
  private final NodeKeyPair replica = NodeKeyPair.generate(new SplittableRandom(22));
  @TempDir Path dir;

  private Fixture branch(long seed) {
    Fixture f = new Fixture(seed, ValidBlockPolicy.mru(), new InMemoryStore(), params);
    f.miner.tick();
    f.record("s1", 4);
    f.miner.tick();
    f.record("s2", 3);
    f.miner.tick();
    return f;
  }

  private ApprovalReceipt approve(Fixture f, Record r) {
    return kit.receipt(r, r.recordedAt() + 10, f.keys, List.of(replica));
  }

  private byte[] export(Fixture f) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BranchExport.write(params, BranchSource.of(f.store), out, no -> {});
    return out.toByteArray();
  }

  private VerificationReport verifyFile(byte[] bytes) throws Exception {
    Path file = dir.resolve("branch-" + System.nanoTime() + ".fcb");
    Files.write(file, bytes);
    try (ExportedBranch b = ExportedBranch.open(file)) {
      return new BranchVerifier(params).verify(b);
    }
  }

  /** The file with its trailing SHA-256 made right again, as a forger would. */
  private static byte[] rechecksummed(byte[] file) {
    byte[] out = file.clone();
    byte[] sha = Hashes.sha256(out, 0, out.length - 32);
    System.arraycopy(sha, 0, out, out.length - 32, 32);
    return out;
  }

  @Test
  void receiptsAreExportedReadBackAndVerified() throws Exception {
    Fixture f = branch(1);
    List<Record> recs = f.store.recordsInBlock(1);
    f.store.putApproval(approve(f, recs.get(0)));
    f.store.putApproval(approve(f, f.store.recordsInBlock(2).get(2)));
    byte[] file = export(f);
    Path path = dir.resolve("b.fcb");
    Files.write(path, file);
    try (ExportedBranch b = ExportedBranch.open(path)) {
      assertThat(b.approvals()).containsExactlyInAnyOrderElementsOf(f.store.approvals(null, 10));
      VerificationReport r = new BranchVerifier(params).verify(b);
      assertThat(r.fault()).isNull();
      assertThat(r.approvals()).isEqualTo(2);
      assertThat(r.records()).isEqualTo(7);
    }
  }

  @Test
  void aTamperedReceiptByteIsDetectedEvenWithTheChecksumRedone() throws Exception {
    Fixture f = branch(2);
    ApprovalReceipt receipt = approve(f, f.store.recordsInBlock(1).get(1));
    f.store.putApproval(receipt);
    byte[] file = export(f);
    byte[] rb = receipt.toBytes();
    int at = indexOf(file, rb);
    assertThat(at).isPositive();
    int checked = 0;
    for (int i = 0; i < rb.length; i += 5) {
      byte[] tampered = file.clone();
      tampered[at + i] ^= 0x10;
      byte[] forged = rechecksummed(tampered);
      boolean detected;
      try {
        detected = !verifyFile(forged).ok();
      } catch (IllegalArgumentException refusedByParser) {
        detected = true;
      }
      assertThat(detected).as("byte %d of the receipt changed", i).isTrue();
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
    // without redoing the checksum, the reader refuses the file outright
    byte[] tampered = file.clone();
    tampered[at + 40] ^= 1;
    try {
      verifyFile(tampered);
      throw new AssertionError("a file with a wrong checksum was read");
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining("checksum");
    }
  }

  @Test
  void aReceiptOfARecordNotInTheBranchOrTwoReceiptsOfOneRecordAreFaults() {
    Fixture f = branch(3);
    Fixture other = branch(4);
    Record foreign = other.store.recordsInBlock(1).get(0);
    f.store.putApproval(kit.receipt(foreign, foreign.recordedAt() + 10, f.keys, List.of(replica)));
    Fault fault = new BranchVerifier(params).verify(BranchSource.of(f.store)).fault();
    assertThat(fault.kind()).isEqualTo(FaultKind.APPROVAL_UNKNOWN_RECORD);
    assertThat(fault.txId()).isEqualTo(foreign.txId());

    Fixture g = branch(5);
    Record r = g.store.recordsInBlock(2).get(0);
    BranchSource twice = withApprovals(g, List.of(approve(g, r), approve(g, r)));
    assertThat(new BranchVerifier(params).verify(twice).fault().kind())
        .isEqualTo(FaultKind.DUPLICATE_APPROVAL);

    // a receipt signed by the replica, not by the branch's miner, earns nothing
    ApprovalReceipt byReplica =
        kit.receipt(r, r.recordedAt() + 10, replica, List.of(NodeKeyPair.generate()));
    Fault bad = new BranchVerifier(params).verify(withApprovals(g, List.of(byReplica))).fault();
    assertThat(bad.kind()).isEqualTo(FaultKind.BAD_APPROVAL);
    assertThat(bad.blockNo()).isEqualTo(2);
    assertThat(bad.message()).contains("not signed by the record's recorder");
  }

  @Test
  void aVersionOneExportWithoutReceiptsIsStillRead() throws Exception {
    Fixture f = branch(6);
    byte[] v2 = export(f);
    // version 1: the same bytes without the (empty) receipt section
    byte[] v1 = new byte[v2.length - 4];
    System.arraycopy(v2, 0, v1, 0, v2.length - 36);
    v1[8] = 1;
    v1 = rechecksummed(v1);
    assertThat(v2[8]).isEqualTo((byte) 2);
    assertThat(Arrays.copyOfRange(v2, v2.length - 36, v2.length - 32)).containsOnly(0);
    VerificationReport r = verifyFile(v1);
    assertThat(r.fault()).isNull();
    assertThat(r.records()).isEqualTo(7);
    assertThat(r.approvals()).isZero();
  }

  private static BranchSource withApprovals(Fixture f, List<ApprovalReceipt> receipts) {
    BranchSource base = BranchSource.of(f.store);
    return new BranchSource() {
      @Override
      public long height() {
        return base.height();
      }

      @Override
      public io.flowchain.core.ledger.BlockHeader header(long no) {
        return base.header(no);
      }

      @Override
      public List<Record> records(long no) {
        return base.records(no);
      }

      @Override
      public java.util.Optional<io.flowchain.core.ledger.InvalidReason> invalidLabel(long no) {
        return base.invalidLabel(no);
      }

      @Override
      public List<ApprovalReceipt> approvals() {
        return receipts;
      }
    };
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
