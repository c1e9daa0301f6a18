package io.flowchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every benchmark's set-up succeeds and one call of each measured method gives a sane result. */
class BenchmarksSmokeTest {

  @Test
  void readingsAreTypicalHundredByteJson() {
    for (int i = 0; i < 1000; i++) {
      String json = new String(BenchNetwork.reading(i).toByteArray(), StandardCharsets.UTF_8);
      assertThat(json).startsWith("{\"device\":").endsWith("}");
      assertThat(json.length()).isBetween(90, 110);
    }
  }

  @Test
  void headerHashesAgree() {
    HeaderHashBenchmark b = new HeaderHashBenchmark();
    b.setUp();
    assertThat(b.headerHash()).isEqualTo(b.sha256dOfUnsignedBytes());
  }

  @Test
  void merkleRootsAgree() {
    MerkleRootBenchmark b = new MerkleRootBenchmark();
    b.leaves = 10_000;
    b.setUp();
    assertThat(b.treeRoot()).isEqualTo(b.accumulatorRoot());
  }

  @Test
  void signaturesVerify() {
    RecordSignatureBenchmark b = new RecordSignatureBenchmark();
    b.setUp();
    assertThat(b.sign()).isNotNull();
    assertThat(b.verify()).isTrue();
    assertThat(b.verifyRecord()).isTrue();
  }

  @Test
  void everyRecordCallRecordsANewReading() {
    LedgerRecordBenchmark b = new LedgerRecordBenchmark();
    LedgerRecordBenchmark.LedgerState state = new LedgerRecordBenchmark.LedgerState();
    LedgerRecordBenchmark.Source source = new LedgerRecordBenchmark.Source();
    state.open();
    source.prepare();
    assertThat(b.newSubmission(source)).isNotNull();
    Record first = b.record(state, source);
    Record second = b.recordTwoThreads(state, source);
    assertThat(second.txId()).isNotEqualTo(first.txId());
    assertThat(state.ledger.store().recordsInBlock(1)).containsExactly(first, second);
  }

  @Test
  void aMiningTickMissesAndCountsItsAttempts() {
    MiningTickBenchmark b = new MiningTickBenchmark();
    b.setUp();
    assertThat(b.tick()).isEmpty();
  }

  @Test
  void theBenchmarkBranchVerifies() {
    BranchVerifyBenchmark b = new BranchVerifyBenchmark();
    b.setUp();
    VerificationReport report = b.verify();
    assertThat(report.ok()).isTrue();
    assertThat(report.records()).isEqualTo(BranchVerifyBenchmark.RECORDS);
    assertThat(report.blocks()).isEqualTo(BranchVerifyBenchmark.BLOCKS + 1);
  }
}
