package io.flowchain.core.merkle;

import static io.flowchain.core.merkle.MerkleReference.txIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleAccumulatorTest {

  @Test
  void emptyAccumulator() {
    MerkleAccumulator acc = new MerkleAccumulator();
    assertThat(acc.size()).isZero();
    assertThat(acc.root()).isEqualTo(Hash.ZERO);
  }

  @Test
  void rootEqualsTheTreeRootAfterEveryAdditionUpTo300() {
    List<TxId> all = txIds(42, 300);
    MerkleAccumulator acc = new MerkleAccumulator();
    for (int n = 0; n <= 300; n++) {
      List<TxId> leaves = all.subList(0, n);
      assertThat(acc.size()).isEqualTo(n);
      Hash expected = MerkleReference.mthOfTx(leaves);
      assertThat(acc.root()).as("n=%d", n).isEqualTo(expected);
      assertThat(MerkleTree.root(leaves)).as("n=%d", n).isEqualTo(expected);
      if (n < 300) {
        acc.add(all.get(n));
      }
    }
  }

  @Property(tries = 15)
  void rootEqualsTheTreeRootForLargerTrees(
      @ForAll @IntRange(min = 301, max = 20_000) int n, @ForAll long seed) {
    List<TxId> leaves = txIds(seed, n);
    MerkleAccumulator acc = new MerkleAccumulator();
    acc.addAll(leaves);
    assertThat(acc.size()).isEqualTo(n);
    assertThat(acc.root()).isEqualTo(MerkleReference.mthOfTx(leaves));
  }

  @Test
  void rootDoesNotChangeTheAccumulator() {
    List<TxId> leaves = txIds(7, 13);
    MerkleAccumulator acc = new MerkleAccumulator();
    acc.addAll(leaves.subList(0, 6));
    Hash first = acc.root();
    assertThat(acc.root()).isEqualTo(first);
    acc.addAll(leaves.subList(6, 13));
    assertThat(acc.root()).isEqualTo(MerkleReference.mthOfTx(leaves));
  }

  @Test
  void copyIsIndependent() {
    List<TxId> leaves = txIds(9, 20);
    MerkleAccumulator original = new MerkleAccumulator();
    original.addAll(leaves.subList(0, 11));
    MerkleAccumulator copy = original.copy();
    assertThat(copy.size()).isEqualTo(11);
    assertThat(copy.root()).isEqualTo(original.root());

    copy.addAll(leaves.subList(11, 20));
    assertThat(original.size()).isEqualTo(11);
    assertThat(original.root()).isEqualTo(MerkleReference.mthOfTx(leaves.subList(0, 11)));
    assertThat(copy.root()).isEqualTo(MerkleReference.mthOfTx(leaves));

    List<TxId> other = txIds(10, 5);
    original.addAll(other);
    assertThat(copy.root()).isEqualTo(MerkleReference.mthOfTx(leaves));
    assertThat(original.size()).isEqualTo(16);
  }

  @Test
  void copiesTakenAtEverySizeKeepTheirRoots() {
    // Exercises copying across the internal stack's growth (beyond 8 subtrees at 255 leaves).
    List<TxId> leaves = txIds(12, 260);
    MerkleAccumulator acc = new MerkleAccumulator();
    MerkleAccumulator[] snapshots = new MerkleAccumulator[leaves.size() + 1];
    for (int n = 0; n <= leaves.size(); n++) {
      snapshots[n] = acc.copy();
      if (n < leaves.size()) {
        acc.add(leaves.get(n));
      }
    }
    for (int n : new int[] {0, 1, 127, 128, 254, 255, 256, 260}) {
      assertThat(snapshots[n].size()).isEqualTo(n);
      assertThat(snapshots[n].root())
          .as("n=%d", n)
          .isEqualTo(MerkleReference.mthOfTx(leaves.subList(0, n)));
    }
  }

  @Test
  void rejectsMissingTxId() {
    MerkleAccumulator acc = new MerkleAccumulator();
    assertThatThrownBy(() -> acc.add(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> acc.addAll(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(acc.size()).isZero();
    assertThat(acc.root()).isEqualTo(Hash.ZERO);
  }
}
