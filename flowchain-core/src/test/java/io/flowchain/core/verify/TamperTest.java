package io.flowchain.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.approval.ApprovalKit;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any byte of an exported branch (headers, records, approval receipts), changed, is found by the
 * verifier (or the parser refuses it).
 */
class TamperTest {
  private static final Exported BRANCH = exportSampleBranch();

  @Property(tries = 600)
  void anyFlippedBitAnywhereIsDetected(@ForAll("flips") Flip flip) {
    List<byte[]> blobs = BRANCH.blobs();
    byte[] tampered = blobs.get(flip.blob()).clone();
    int at = flip.position() % tampered.length;
    tampered[at] ^= (byte) flip.mask();
    List<byte[]> copy = new ArrayList<>(blobs);
    copy.set(flip.blob(), tampered);
    VerificationReport report;
    try {
      report = new BranchVerifier(BRANCH.params()).verify(BRANCH.withBlobs(copy));
    } catch (IllegalArgumentException refusedByParser) {
      return; // the bytes no longer decode: detected
    }
    assertThat(report.ok())
        .as("flip of byte %d in blob %d went unnoticed", at, flip.blob())
        .isFalse();
  }

  @Property(tries = 1)
  void everySingleByteChangedIsDetected() {
    List<byte[]> blobs = BRANCH.blobs();
    for (int blob = 0; blob < blobs.size(); blob++) {
      for (int at = 0; at < blobs.get(blob).length; at++) {
        anyFlippedBitAnywhereIsDetected(new Flip(blob, at, 0x80));
      }
    }
  }

  @Property(tries = 1)
  void theUntamperedBranchVerifies() {
    VerificationReport report =
        new BranchVerifier(BRANCH.params()).verify(BRANCH.withBlobs(BRANCH.blobs()));
    assertThat(report.fault()).isNull();
    assertThat(report.records()).isEqualTo(BRANCH.recordCount());
    assertThat(report.invalidBlocks()).isEqualTo(1);
    assertThat(report.approvals()).isEqualTo(BRANCH.approvalCount());
  }

  @Provide
  Arbitrary<Flip> flips() {
    return Combinators.combine(
            Arbitraries.integers().between(0, BRANCH.blobs().size() - 1),
            Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(1, 255))
        .as(Flip::new);
  }

  record Flip(int blob, int position, int mask) {}

  /** A branch as bytes: the header blobs (block 0..h) followed by every record blob. */
  record Exported(
      NetworkParams params,
      int headerCount,
      List<Long> recordBlocks,
      int approvalCount,
      List<byte[]> blobs) {
    long recordCount() {
      return recordBlocks.size();
    }

    BranchSource withBlobs(List<byte[]> blobs) {
      List<BlockHeader> headers = new ArrayList<>();
      for (int i = 0; i < headerCount; i++) {
        headers.add(BlockHeader.parse(blobs.get(i)));
      }
      List<List<Record>> records = new ArrayList<>();
      for (int i = 0; i < headerCount; i++) {
        records.add(new ArrayList<>());
      }
      for (int i = 0; i < recordBlocks.size(); i++) {
        records.get(recordBlocks.get(i).intValue()).add(Record.parse(blobs.get(headerCount + i)));
      }
      List<ApprovalReceipt> approvals = new ArrayList<>();
      for (int i = 0; i < approvalCount; i++) {
        approvals.add(ApprovalReceipt.parse(blobs.get(headerCount + recordBlocks.size() + i)));
      }
      return new BranchSource() {
        @Override
        public List<ApprovalReceipt> approvals() {
          return approvals;
        }

        @Override
        public long height() {
          return headerCount - 1;
        }

        @Override
        public BlockHeader header(long no) {
          return headers.get((int) no);
        }

        @Override
        public List<Record> records(long no) {
          return records.get((int) no);
        }

        @Override
        public Optional<InvalidReason> invalidLabel(long no) {
          return Optional.empty();
        }
      };
    }
  }

  static Exported exportSampleBranch() {
    ApprovalKit unbound = new ApprovalKit(42);
    NetworkParams params = Fixture.params(List.of(unbound.admin.publicKey()));
    ApprovalKit kit = unbound.certifiedFor(params);
    Fixture f = new Fixture(42, ValidBlockPolicy.mru(), new InMemoryStore(), params);
    f.miner.tick();
    f.record("sensor-a", 3);
    f.miner.tick();
    f.record("sensor-b", 2);
    f.ledger.invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
    f.miner.tick();
    f.record("sensor-a", 2);
    f.miner.tick();
    f.miner.tick(); // seals an empty block too
    List<byte[]> blobs = new ArrayList<>();
    List<Long> recordBlocks = new ArrayList<>();
    long height = f.store.height();
    for (long no = 0; no <= height; no++) {
      blobs.add(f.store.header(no).orElseThrow().toBytes());
    }
    for (long no = 0; no <= height; no++) {
      for (Record r : f.store.recordsInBlock(no)) {
        blobs.add(r.toBytes());
        recordBlocks.add(no);
      }
    }
    // three records approved: a receipt each, one replica confirming
    NodeKeyPair replica = NodeKeyPair.generate(new SplittableRandom(43));
    List<Record> approved =
        List.of(
            f.store.recordsInBlock(1).get(0),
            f.store.recordsInBlock(2).get(1),
            f.store.recordsInBlock(3).get(0));
    for (Record r : approved) {
      blobs.add(kit.receipt(r, r.recordedAt() + 10, f.keys, List.of(replica)).toBytes());
    }
    return new Exported(f.params, (int) height + 1, recordBlocks, approved.size(), blobs);
  }
}
