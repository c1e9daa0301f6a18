package io.flowchain.bench;

import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link BranchVerifier} over a branch of {@value #BLOCKS} blocks of {@value #RECORDS_PER_BLOCK}
 * records each (10,000 records), all sealed. Every record's data key, txID and signature is
 * checked, as are every header's hash, difficulty, signature and seal (Merkle root). The score is
 * in records verified per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class BranchVerifyBenchmark {
  static final int BLOCKS = 100;
  static final int RECORDS_PER_BLOCK = 100;
  static final int RECORDS = BLOCKS * RECORDS_PER_BLOCK;

  private NetworkParams params;
  private BranchSource branch;

  @Setup
  public void setUp() {
    params = BenchNetwork.easyNetwork();
    ManualScheduler clock = new ManualScheduler(BenchNetwork.START);
    Ledger ledger = BenchNetwork.openLedger(params, clock);
    SplittableRandom random = new SplittableRandom(3);
    int n = 0;
    for (int b = 0; b < BLOCKS; b++) {
      BenchNetwork.mineEasyBlock(ledger, clock.nowMillis());
      for (int r = 0; r < RECORDS_PER_BLOCK; r++) {
        ledger.record(BenchNetwork.submission(n++, clock.nowMillis(), random)).join();
        clock.advance(1);
      }
    }
    BenchNetwork.mineEasyBlock(ledger, clock.nowMillis()); // seals the last block of records
    branch = BranchSource.of(ledger.store());
    VerificationReport report = verify();
    if (!report.ok() || report.records() != RECORDS || report.sealedRecords() != RECORDS) {
      throw new IllegalStateException("the benchmark branch does not verify: " + report);
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public VerificationReport verify() {
    return new BranchVerifier(params).verify(branch);
  }
}
