package io.flowchain.bench;

import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.types.Hash;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The block hash: SHA-256d of the 190 unsigned header bytes, alone and with the canonical encoding
 * of the header in front of it ({@link BlockHeader#hash()}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class HeaderHashBenchmark {
  private BlockHeader header;
  private byte[] unsigned;

  @Setup
  public void setUp() {
    ManualScheduler clock = new ManualScheduler(BenchNetwork.START);
    Ledger ledger = BenchNetwork.openLedger(BenchNetwork.easyNetwork(), clock);
    BenchNetwork.mineEasyBlock(ledger, clock.nowMillis());
    header = ledger.tip();
    unsigned = header.unsignedBytes();
    if (unsigned.length != BlockHeader.UNSIGNED_SIZE) {
      throw new IllegalStateException("unexpected header size " + unsigned.length);
    }
  }

  /** SHA-256(SHA-256(unsigned bytes)) of bytes already encoded: the miner's per-attempt work. */
  @Benchmark
  public Hash sha256dOfUnsignedBytes() {
    return Hashes.sha256d(unsigned);
  }

  /** {@link BlockHeader#hash()}: encode the unsigned header, then SHA-256d. */
  @Benchmark
  public Hash headerHash() {
    return header.hash();
  }
}
