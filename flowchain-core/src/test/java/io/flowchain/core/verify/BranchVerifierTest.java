package io.flowchain.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Seal;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each kind of fault is reported where it is, with its kind. */
class BranchVerifierTest {

  private Fixture branch() {
    Fixture f = new Fixture(7, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 3);
    f.miner.tick();
    f.record("s1", 2);
    f.miner.tick();
    return f;
  }

  @Test
  void aHealthyBranchVerifiesWithItsCounts() {
    Fixture f = branch();
    VerificationReport r = new BranchVerifier(f.params).verify(BranchSource.of(f.store));
    assertThat(r.ok()).isTrue();
    assertThat(r.blocks()).isEqualTo(3);
    assertThat(r.records()).isEqualTo(5);
    assertThat(r.sealedRecords()).isEqualTo(5);
    assertThat(r.unsealedRecords()).isZero();
  }

  @Test
  void aBrokenLinkIsReportedAtTheBlockThatPointsWrong() {
    Fixture f = branch();
    Fault fault = verifyWithHeader(f, 2, h -> resign(f, copy(h, Hash.ZERO, h.seal())));
    assertThat(fault.kind()).isEqualTo(FaultKind.BROKEN_LINK);
    assertThat(fault.blockNo()).isEqualTo(2);
  }

  @Test
  void aSealThatOmitsARecordIsReported() {
    Fixture f = branch();
    Fault fault =
        verifyWithHeader(
            f,
            2,
            h -> {
              Seal s = h.seal();
              return resign(f, copy(h, h.previousHash(), new Seal(1, s.merkleRoot(), 2, null)));
            });
    // re-signing changes block 2's hash, so the seal check runs first on block 2
    assertThat(fault.kind()).isEqualTo(FaultKind.SEAL_MISMATCH);
    assertThat(fault.blockNo()).isEqualTo(2);
  }

  @Test
  void aBlockSignedByAnotherKeyIsReported() {
    Fixture f = branch();
    NodeKeyPair other = NodeKeyPair.generate(new SplittableRandom(99));
    Fault fault =
        verifyWithHeader(
            f, 2, h -> h.withSignature(other.sign(BlockHeader.signingInput(h.hash()))));
    assertThat(fault.kind()).isEqualTo(FaultKind.BAD_BLOCK_SIGNATURE);
  }

  @Test
  void aLocalInvalidLabelThatDisagreesWithTheSealIsReported() {
    Fixture f = branch();
    f.store.putInvalid(1, InvalidReason.OPERATOR);
    VerificationReport r = new BranchVerifier(f.params).verify(BranchSource.of(f.store));
    assertThat(r.fault().kind()).isEqualTo(FaultKind.SEAL_STATUS_MISMATCH);
  }

  @Test
  void aBranchOfAnotherNetworkIsReported() {
    Fixture f = branch();
    Fixture other = new Fixture(8, ValidBlockPolicy.mru());
    other.miner.tick();
    VerificationReport r = new BranchVerifier(f.params).verify(BranchSource.of(other.store));
    assertThat(r.ok()).isTrue(); // same test network parameters: same genesis
    io.flowchain.core.ledger.NetworkParams elsewhere =
        io.flowchain.core.ledger.NetworkParams.of("elsewhere", 0, List.of());
    VerificationReport r2 = new BranchVerifier(elsewhere).verify(BranchSource.of(f.store));
    assertThat(r2.fault().kind()).isEqualTo(FaultKind.GENESIS_MISMATCH);
  }

  @Test
  void aRecordMovedToAnotherBlockIsReported() {
    Fixture f = branch();
    BranchSource base = BranchSource.of(f.store);
    BranchSource moved =
        new Delegating(base) {
          @Override
          public List<Record> records(long no) {
            List<Record> out = new ArrayList<>(base.records(no));
            if (no == 2) {
              out.add(base.records(1).get(0));
            }
            return out;
          }
        };
    Fault fault = new BranchVerifier(f.params).verify(moved).fault();
    assertThat(fault.kind()).isEqualTo(FaultKind.RECORD_WRONG_BLOCK);
    assertThat(fault.blockNo()).isEqualTo(2);
    assertThat(fault.txId()).isEqualTo(base.records(1).get(0).txId());
  }

  @Test
  void inALargeBlockTheFirstBadRecordInOrderIsReported() {
    Fixture f = new Fixture(9, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 200); // checked in parallel
    f.miner.tick();
    BranchSource base = BranchSource.of(f.store);
    List<Record> recs = base.records(1);
    BranchSource forged =
        new Delegating(base) {
          @Override
          public List<Record> records(long no) {
            List<Record> out = new ArrayList<>(base.records(no));
            if (no == 1) {
              for (int i : new int[] {150, 37, 120}) {
                Record r = out.get(i);
                out.set(
                    i,
                    new Record(
                        r.txId(),
                        r.dataKey(),
                        r.submission(),
                        r.recordedAt() + 1,
                        r.blockNo(),
                        r.blockHash(),
                        r.recorder(),
                        r.signature()));
              }
            }
            return out;
          }
        };
    Fault fault = new BranchVerifier(f.params).verify(forged).fault();
    assertThat(fault.kind()).isEqualTo(FaultKind.RECORD_SIGNATURE);
    assertThat(fault.txId()).isEqualTo(recs.get(37).txId());
  }

  private static Fault verifyWithHeader(Fixture f, long no, UnaryOperator<BlockHeader> change) {
    BranchSource base = BranchSource.of(f.store);
    BranchSource changed =
        new Delegating(base) {
          @Override
          public BlockHeader header(long n) {
            return n == no ? change.apply(base.header(n)) : base.header(n);
          }
        };
    return new BranchVerifier(f.params).verify(changed).fault();
  }

  private static BlockHeader copy(BlockHeader h, Hash previous, Seal seal) {
    return new BlockHeader(
        h.no(),
        previous,
        h.timestamp(),
        seal,
        h.difficulty(),
        h.nonce(),
        h.minerId(),
        h.minerKey(),
        h.signature());
  }

  private static BlockHeader resign(Fixture f, BlockHeader h) {
    return h.withSignature(f.keys.sign(BlockHeader.signingInput(h.hash())));
  }

  private static class Delegating implements BranchSource {
    private final BranchSource base;

    Delegating(BranchSource base) {
      this.base = base;
    }

    @Override
    public long height() {
      return base.height();
    }

    @Override
    public BlockHeader header(long no) {
      return base.header(no);
    }

    @Override
    public List<Record> records(long no) {
      return base.records(no);
    }

    @Override
    public Optional<InvalidReason> invalidLabel(long no) {
      return base.invalidLabel(no);
    }
  }
}
