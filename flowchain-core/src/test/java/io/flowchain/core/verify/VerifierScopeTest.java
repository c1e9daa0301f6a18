package io.flowchain.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick scope reads headers and the unsealed blocks' records only. */
class VerifierScopeTest {
  /** A branch of 4 blocks with 5 records each; blocks 1..3 sealed, block 4 open. */
  static Fixture branch() {
    Fixture f = new Fixture(11, ValidBlockPolicy.mru());
    for (int b = 0; b < 4; b++) {
      f.miner.tick();
      f.record("s1", 5);
    }
    return f;
  }

  /** The store's branch with record {@code index} of block {@code no} replaced by another. */
  static BranchSource swapping(Fixture f, long no, int index, Record other, List<Long> read) {
    BranchSource real = BranchSource.of(f.store);
    return new BranchSource() {
      @Override
      public long height() {
        return real.height();
      }

      @Override
      public io.flowchain.core.ledger.BlockHeader header(long n) {
        return real.header(n);
      }

      @Override
      public List<Record> records(long n) {
        read.add(n);
        List<Record> rs = new ArrayList<>(real.records(n));
        if (n == no) {
          rs.set(index, other);
        }
        return rs;
      }

      @Override
      public java.util.Optional<io.flowchain.core.ledger.InvalidReason> invalidLabel(long n) {
        return real.invalidLabel(n);
      }
    };
  }

  @Test
  void quickScopeChecksOnlyTheUnsealedRecords() {
    Fixture f = branch();
    BranchVerifier v = new BranchVerifier(f.params);
    List<Long> read = new ArrayList<>();
    VerificationReport quick =
        v.verify(swapping(f, -1, 0, null, read), BranchVerifier.Scope.HEADERS_AND_UNSEALED);
    assertThat(quick.fault()).isNull();
    assertThat(read).containsExactly(0L, 4L);
    assertThat(quick.records()).isEqualTo(5);
    assertThat(quick.unsealedRecords()).isEqualTo(5);
    assertThat(v.verify(BranchSource.of(f.store)).records()).isEqualTo(20);
  }

  @Test
  void quickScopeFindsAForgedUnsealedRecordButOnlyFullFindsASealedOne() {
    Fixture f = branch();
    BranchVerifier v = new BranchVerifier(f.params);
    Record forged = f.store.recordsInBlock(1).get(0); // a record of block 1 moved to block 4
    VerificationReport open =
        v.verify(
            swapping(f, 4, 2, forged, new ArrayList<>()),
            BranchVerifier.Scope.HEADERS_AND_UNSEALED);
    assertThat(open.fault()).isNotNull();
    assertThat(open.fault().blockNo()).isEqualTo(4);
    assertThat(open.fault().kind()).isEqualTo(FaultKind.RECORD_WRONG_BLOCK);

    Record other = f.store.recordsInBlock(3).get(0);
    BranchSource sealedSwap = swapping(f, 2, 1, other, new ArrayList<>());
    assertThat(v.verify(sealedSwap, BranchVerifier.Scope.HEADERS_AND_UNSEALED).ok()).isTrue();
    VerificationReport full = v.verify(sealedSwap, BranchVerifier.Scope.FULL);
    assertThat(full.fault()).isNotNull();
    assertThat(full.fault().blockNo()).isEqualTo(2);
  }
}
