package io.flowchain.bench;

import io.flowchain.core.merkle.MerkleAccumulator;
import io.flowchain.core.merkle.MerkleTree;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Merkle root of a block's txIDs, computed at once from the list ({@link MerkleTree#root}) and
 * by appending every txID to a {@link MerkleAccumulator}, as an open block does while it records.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MerkleRootBenchmark {
  @Param("10000")
  public int leaves;

  private List<TxId> txIds;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    txIds = new ArrayList<>(leaves);
    for (int i = 0; i < leaves; i++) {
      byte[] b = new byte[Hash.SIZE];
      random.nextBytes(b);
      txIds.add(new TxId(Hash.of(b)));
    }
    if (!treeRoot().equals(accumulatorRoot())) {
      throw new IllegalStateException("tree and accumulator roots differ");
    }
  }

  @Benchmark
  public Hash treeRoot() {
    return MerkleTree.root(txIds);
  }

  @Benchmark
  public Hash accumulatorRoot() {
    MerkleAccumulator acc = new MerkleAccumulator();
    for (TxId txId : txIds) {
      acc.add(txId);
    }
    return acc.root();
  }
}
