package io.flowchain.core.merkle;

import static io.flowchain.core.merkle.MerkleReference.txIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  @Test
  void emptyTreeHasTheZeroRootNotTheHashOfNothing() {
    assertThat(MerkleTree.root(List.of())).isEqualTo(Hash.ZERO);
    assertThat(MerkleTree.rootOfRaw(List.of())).isEqualTo(Hash.ZERO);
    assertThat(MerkleTree.root(List.of())).isNotEqualTo(Hash.of(Hashes.sha256(new byte[0])));
  }

  @Test
  void oneLeafTreeHasTheLeafHashAsRoot() {
    TxId t = MerkleReference.txId("only");
    byte[] expected = Hashes.sha256(new byte[] {0x00}, t.hash().toBytes());
    assertThat(MerkleTree.root(List.of(t))).isEqualTo(Hash.of(expected));
    assertThat(MerkleTree.leafHash(t)).isEqualTo(Hash.of(expected));
  }

  @Test
  void threeLeavesPromoteTheOddLeafInsteadOfDuplicatingIt() {
    List<TxId> t = txIds(3, 3);
    byte[] l0 = Hashes.sha256(new byte[] {0x00}, t.get(0).hash().toBytes());
    byte[] l1 = Hashes.sha256(new byte[] {0x00}, t.get(1).hash().toBytes());
    byte[] l2 = Hashes.sha256(new byte[] {0x00}, t.get(2).hash().toBytes());
    byte[] n01 = Hashes.sha256(new byte[] {0x01}, l0, l1);
    byte[] expected = Hashes.sha256(new byte[] {0x01}, n01, l2);
    assertThat(MerkleTree.root(t)).isEqualTo(Hash.of(expected));

    List<TxId> withDuplicate = new ArrayList<>(t);
    withDuplicate.add(t.get(2));
    assertThat(MerkleTree.root(withDuplicate)).isNotEqualTo(MerkleTree.root(t));
  }

  @Test
  void leafAndNodeHashesAreDomainSeparated() {
    // A two-leaf tree's root is SHA-256(0x01 ‖ l0 ‖ l1): the same 64 bytes used as a single raw
    // leaf hash with prefix 0x00 instead, so they must not collide.
    List<TxId> t = txIds(5, 2);
    byte[] concat = new byte[64];
    MerkleTree.leafHash(t.get(0)).copyTo(concat, 0);
    MerkleTree.leafHash(t.get(1)).copyTo(concat, 32);
    assertThat(MerkleTree.rootOfRaw(List.of(concat))).isNotEqualTo(MerkleTree.root(t));
  }

  @Test
  void rootMatchesTheReferenceForEveryTreeUpTo300Leaves() {
    List<TxId> all = txIds(300, 300);
    for (int n = 0; n <= 300; n++) {
      List<TxId> leaves = all.subList(0, n);
      assertThat(MerkleTree.root(leaves)).as("n=%d", n).isEqualTo(MerkleReference.mthOfTx(leaves));
    }
  }

  @Property(tries = 12)
  void rootMatchesTheReferenceForLargerTrees(
      @ForAll @IntRange(min = 301, max = 20_000) int n, @ForAll long seed) {
    List<TxId> leaves = txIds(seed, n);
    assertThat(MerkleTree.root(leaves)).isEqualTo(MerkleReference.mthOfTx(leaves));
  }

  @Test
  void sequentialListsGiveTheSameResults() {
    List<TxId> leaves = txIds(13, 21);
    List<TxId> linked = new LinkedList<>(leaves);
    assertThat(MerkleTree.root(linked)).isEqualTo(MerkleTree.root(leaves));
    assertThat(MerkleTree.proof(linked, 20)).isEqualTo(MerkleTree.proof(leaves, 20));
    assertThat(MerkleTree.rootOfRaw(new LinkedList<>(MerkleReference.raw(leaves))))
        .isEqualTo(MerkleTree.root(leaves));
  }

  @Test
  void rootOfTxIdsEqualsRootOfTheirRawBytes() {
    List<TxId> leaves = txIds(11, 37);
    assertThat(MerkleTree.rootOfRaw(MerkleReference.raw(leaves)))
        .isEqualTo(MerkleTree.root(leaves));
  }

  @Test
  void rawLeavesOfAnyLengthFollowTheReference() {
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 0; n <= 40; n++) {
      assertThat(MerkleTree.rootOfRaw(leaves))
          .as("n=%d", n)
          .isEqualTo(Hash.of(MerkleReference.mth(leaves)));
      byte[] leaf = new byte[n * 7 % 65];
      Arrays.fill(leaf, (byte) n);
      leaves.add(leaf);
    }
  }

  @Test
  void everyProofOfEveryLeafIsTheRfcAuditPathAndVerifies() {
    List<TxId> all = txIds(70, 70);
    for (int n = 1; n <= 70; n++) {
      List<TxId> leaves = all.subList(0, n);
      Hash root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        MerkleProof proof = MerkleTree.proof(leaves, i);
        assertThat(proof.index()).isEqualTo(i);
        assertThat(proof.size()).isEqualTo(n);
        assertThat(proof.path())
            .as("n=%d i=%d", n, i)
            .isEqualTo(MerkleReference.pathOfTx(i, leaves));
        assertThat(proof.verify(leaves.get(i), root)).as("n=%d i=%d", n, i).isTrue();
        assertThat(proof.verify(leaves.get(i), root, n)).isTrue();
      }
    }
  }

  @Property(tries = 40)
  void proofsInLargerTreesAreTheRfcAuditPathAndVerify(
      @ForAll @IntRange(min = 71, max = 5_000) int n,
      @ForAll @IntRange(min = 0, max = 4_999) int anyIndex,
      @ForAll long seed) {
    int index = anyIndex % n;
    List<TxId> leaves = txIds(seed, n);
    MerkleProof proof = MerkleTree.proof(leaves, index);
    assertThat(proof.path()).isEqualTo(MerkleReference.pathOfTx(index, leaves));
    assertThat(proof.verify(leaves.get(index), MerkleTree.root(leaves))).isTrue();
  }

  @Test
  void proofOfRawLeavesMatchesTheReference() {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      leaves.add(new byte[] {(byte) i, (byte) (i * 3)});
    }
    Hash root = MerkleTree.rootOfRaw(leaves);
    for (int i = 0; i < leaves.size(); i++) {
      MerkleProof proof = MerkleTree.proofOfRaw(leaves, i);
      assertThat(proof.path())
          .isEqualTo(MerkleReference.path(i, leaves).stream().map(Hash::of).toList());
      assertThat(proof.verifyLeafHash(MerkleTree.leafHashOfRaw(leaves.get(i)), root)).isTrue();
    }
  }

  @Test
  void largeUnevenTree() {
    // 2^15 + 3 leaves: a deep left subtree and a short right one.
    int n = (1 << 15) + 3;
    List<TxId> leaves = txIds(17, n);
    Hash root = MerkleTree.root(leaves);
    assertThat(root).isEqualTo(MerkleReference.mthOfTx(leaves));
    for (int index : new int[] {0, 1 << 14, n - 3, n - 1}) {
      MerkleProof proof = MerkleTree.proof(leaves, index);
      assertThat(proof.verify(leaves.get(index), root, n)).as("index %d", index).isTrue();
    }
  }

  @Test
  void rejectsMissingInputsAndBadIndexes() {
    List<TxId> leaves = txIds(1, 4);
    assertThatThrownBy(() -> MerkleTree.root(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.rootOfRaw(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.root(Arrays.asList(leaves.get(0), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("txID 1");
    assertThatThrownBy(() -> MerkleTree.proof(leaves, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> MerkleTree.proof(leaves, -1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> MerkleTree.proof(List.of(), 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void aRejectedLeafListDoesNotDisturbLaterRoots() {
    List<TxId> leaves = txIds(2, 5);
    Hash before = MerkleTree.root(leaves);
    assertThatThrownBy(() -> MerkleTree.rootOfRaw(Arrays.asList(new byte[1], null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MerkleTree.root(leaves)).isEqualTo(before);
  }
}
