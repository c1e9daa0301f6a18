package io.flowchain.bench;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.port.ManualScheduler;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 over the signing input of a record that holds a ~100-byte JSON sensor reading: signing,
 * verifying, and verifying as the branch verifier does (re-encoding the signing input first).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class RecordSignatureBenchmark {
  private NodeKeyPair keys;
  private NodePublicKey publicKey;
  private Record record;
  private byte[] input;
  private Signature signature;

  @Setup
  public void setUp() {
    ManualScheduler clock = new ManualScheduler(BenchNetwork.START);
    Ledger ledger = BenchNetwork.openLedger(BenchNetwork.easyNetwork(), clock);
    BenchNetwork.mineEasyBlock(ledger, clock.nowMillis());
    record =
        ledger
            .record(BenchNetwork.submission(0, clock.nowMillis(), new SplittableRandom(1)))
            .join();
    keys = ledger.keys();
    publicKey = keys.publicKey();
    input = record.signingInput();
    signature = record.signature();
    if (!keys.sign(input).equals(signature) || !publicKey.verify(input, signature)) {
      throw new IllegalStateException("the record's signature does not check out");
    }
  }

  @Benchmark
  public Signature sign() {
    return keys.sign(input);
  }

  @Benchmark
  public boolean verify() {
    return publicKey.verify(input, signature);
  }

  /** {@link Record#signatureValidFor}: encode the signing input, then verify. */
  @Benchmark
  public boolean verifyRecord() {
    return record.signatureValidFor(publicKey);
  }
}
