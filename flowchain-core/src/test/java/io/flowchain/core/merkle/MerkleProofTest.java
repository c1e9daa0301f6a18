package io.flowchain.core.merkle;

import static io.flowchain.core.merkle.MerkleReference.txIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MerkleProofTest {

  @Test
  void pathLengthIsTheLengthOfTheRfcAuditPath() {
    for (long n = 1; n <= 200; n++) {
      for (long i = 0; i < n; i++) {
        assertThat(MerkleProof.pathLength(i, n))
            .as("i=%d n=%d", i, n)
            .isEqualTo(MerkleReference.directions(i, n).size());
      }
    }
    assertThat(MerkleProof.pathLength(0, Long.MAX_VALUE)).isEqualTo(63);
    assertThat(MerkleProof.pathLength(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(62);
  }

  @Test
  void constructorRejectsMalformedProofs() {
    List<Hash> two = List.of(Hash.ZERO, Hash.ZERO);
    assertThatThrownBy(() -> new MerkleProof(0, 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size");
    assertThatThrownBy(() -> new MerkleProof(-1, 3, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> new MerkleProof(3, 3, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> new MerkleProof(0, 3, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MerkleProof(0, 3, Arrays.asList(Hash.ZERO, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element 1");
    assertThatThrownBy(() -> new MerkleProof(0, 3, List.of(Hash.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must have 2 path elements, got 1");
    assertThatThrownBy(() -> new MerkleProof(0, 1, List.of(Hash.ZERO)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new MerkleProof(0, 1, List.of()).path()).isEmpty();
    assertThat(new MerkleProof(2, 3, List.of(Hash.ZERO)).path()).hasSize(1);
  }

  @Test
  void pathIsAnUnmodifiableCopy() {
    List<Hash> path = new ArrayList<>(List.of(Hash.ZERO, Hash.ZERO));
    MerkleProof proof = new MerkleProof(1, 4, path);
    path.set(0, Hash.parse("11".repeat(32)));
    assertThat(proof.path()).containsExactly(Hash.ZERO, Hash.ZERO);
    assertThatThrownBy(() -> proof.path().add(Hash.ZERO))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void hexRoundTrip() {
    List<TxId> leaves = txIds(4, 11);
    MerkleProof proof = MerkleTree.proof(leaves, 9);
    List<String> hex = proof.pathHex();
    assertThat(hex).hasSize(proof.path().size()).allMatch(s -> s.matches("[0-9a-f]{64}"));
    MerkleProof back = MerkleProof.of(9, 11, hex);
    assertThat(back).isEqualTo(proof);
    assertThat(back.verify(leaves.get(9), MerkleTree.root(leaves))).isTrue();
  }

  @Test
  void ofRejectsBadHex() {
    String good = "ab".repeat(32);
    assertThatThrownBy(() -> MerkleProof.of(0, 2, List.of("ab".repeat(31))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element 0");
    assertThatThrownBy(() -> MerkleProof.of(0, 2, List.of("zz".repeat(32))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProof.of(0, 2, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProof.of(0, 2, List.of(good, good)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must have 1 path elements");
  }

  @Test
  void anySingleBitFlipInPathLeafOrRootIsRejected() {
    List<TxId> all = txIds(21, 17);
    for (int n = 1; n <= 17; n++) {
      List<TxId> leaves = all.subList(0, n);
      Hash root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        MerkleProof proof = MerkleTree.proof(leaves, i);
        TxId leaf = leaves.get(i);
        assertThat(proof.verify(leaf, root)).isTrue();
        for (int bit = 0; bit < 256; bit++) {
          String where = "n=" + n + " i=" + i + " bit=" + bit;
          for (int e = 0; e < proof.path().size(); e++) {
            assertThat(flipPathBit(proof, e, bit).verify(leaf, root))
                .as("%s path[%d]", where, e)
                .isFalse();
          }
          assertThat(proof.verify(new TxId(flip(leaf.hash(), bit)), root))
              .as("%s leaf", where)
              .isFalse();
          assertThat(proof.verify(leaf, flip(root, bit))).as("%s root", where).isFalse();
        }
      }
    }
  }

  @Property(tries = 100)
  void aBitFlipAnywhereIsRejectedInLargerTrees(
      @ForAll @IntRange(min = 18, max = 1_000) int n,
      @ForAll @IntRange(min = 0, max = 999) int anyIndex,
      @ForAll @IntRange(min = 0, max = 63) int anyElement,
      @ForAll @IntRange(min = 0, max = 255) int bit,
      @ForAll long seed) {
    int index = anyIndex % n;
    List<TxId> leaves = txIds(seed, n);
    Hash root = MerkleTree.root(leaves);
    MerkleProof proof = MerkleTree.proof(leaves, index);
    TxId leaf = leaves.get(index);
    assertThat(proof.verify(leaf, root)).isTrue();
    if (!proof.path().isEmpty()) {
      int e = anyElement % proof.path().size();
      assertThat(flipPathBit(proof, e, bit).verify(leaf, root)).isFalse();
    }
    assertThat(proof.verify(new TxId(flip(leaf.hash(), bit)), root)).isFalse();
    assertThat(proof.verify(leaf, flip(root, bit))).isFalse();
  }

  @Test
  void anotherIndexIsRejected() {
    List<TxId> all = txIds(22, 40);
    for (int n = 1; n <= 40; n++) {
      List<TxId> leaves = all.subList(0, n);
      Hash root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        MerkleProof proof = MerkleTree.proof(leaves, i);
        for (long j = -1; j <= n; j++) {
          if (j != i) {
            assertThat(accepts(j, n, proof.path(), leaves.get(i), root))
                .as("n=%d proof of %d presented as %d", n, i, j)
                .isFalse();
          }
        }
      }
    }
  }

  /**
   * The tree size is not bound by the path alone (RFC 6962 audit paths of one index in trees of
   * different sizes can coincide); verify(leaf, root) accepts another size exactly when the audit
   * path of the index has the same shape there, and verify(leaf, root, treeSize) never does.
   */
  @Test
  void anotherSizeIsRejectedUnlessTheAuditPathHasTheSameShape() {
    List<TxId> all = txIds(23, 40);
    int sameShape = 0;
    int rejected = 0;
    for (int n = 1; n <= 40; n++) {
      List<TxId> leaves = all.subList(0, n);
      Hash root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        MerkleProof proof = MerkleTree.proof(leaves, i);
        TxId leaf = leaves.get(i);
        for (long s = 0; s <= 2L * n + 2; s++) {
          if (s == n) {
            continue;
          }
          boolean shapeKept = s > i && MerkleReference.directions(i, s).equals(directions(i, n));
          assertThat(accepts(i, s, proof.path(), leaf, root))
              .as("n=%d i=%d presented with size %d", n, i, s)
              .isEqualTo(shapeKept);
          if (shapeKept) {
            sameShape++;
            MerkleProof resized = new MerkleProof(i, s, proof.path());
            assertThat(resized.verify(leaf, root, n)).isFalse();
            assertThat(resized.verify(leaf, root, s)).isTrue();
          } else {
            rejected++;
          }
        }
      }
    }
    assertThat(sameShape).isPositive();
    assertThat(rejected).isGreaterThan(sameShape);
  }

  @Test
  void theRfcVerificationAloneRejectsPathsOfTheWrongLength() {
    List<TxId> all = txIds(27, 20);
    for (int n = 1; n <= 20; n++) {
      List<TxId> leaves = all.subList(0, n);
      Hash root = MerkleTree.root(leaves);
      for (int i = 0; i < n; i++) {
        List<Hash> path = MerkleTree.proof(leaves, i).path();
        Hash leafHash = MerkleTree.leafHash(leaves.get(i));
        assertThat(MerkleProof.rootFromPath(i, n, leafHash, path)).isEqualTo(root.toBytes());
        List<Hash> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(MerkleProof.rootFromPath(i, n, leafHash, longer)).as("n=%d i=%d", n, i).isNull();
        if (!path.isEmpty()) {
          assertThat(MerkleProof.rootFromPath(i, n, leafHash, path.subList(0, path.size() - 1)))
              .as("n=%d i=%d", n, i)
              .isNull();
        }
        assertThat(MerkleProof.rootFromPath(n, n, leafHash, path)).isNull();
        assertThat(MerkleProof.rootFromPath(-1, n, leafHash, path)).isNull();
      }
    }
  }

  @Test
  void alteredPathsAreRejected() {
    List<TxId> leaves = txIds(24, 13);
    Hash root = MerkleTree.root(leaves);
    for (int i = 0; i < leaves.size(); i++) {
      MerkleProof proof = MerkleTree.proof(leaves, i);
      List<Hash> path = proof.path();
      TxId leaf = leaves.get(i);
      // One element fewer or more does not fit the shape.
      assertThat(accepts(i, 13, path.subList(0, path.size() - 1), leaf, root)).isFalse();
      List<Hash> longer = new ArrayList<>(path);
      longer.add(root);
      assertThat(accepts(i, 13, longer, leaf, root)).isFalse();
      // Same length, elements swapped or replaced.
      assertThat(path).hasSizeGreaterThan(1);
      List<Hash> swapped = new ArrayList<>(path);
      Collections.swap(swapped, 0, swapped.size() - 1);
      assertThat(accepts(i, 13, swapped, leaf, root)).isFalse();
      List<Hash> replaced = new ArrayList<>(path);
      replaced.set(0, MerkleTree.leafHash(leaf));
      assertThat(accepts(i, 13, replaced, leaf, root)).isFalse();
      // The proof of one leaf does not prove another leaf at the same index.
      assertThat(proof.verify(leaves.get((i + 1) % 13), root)).isFalse();
    }
  }

  @Test
  void proofDoesNotVerifyAgainstTheRootOfAnotherTree() {
    List<TxId> leaves = txIds(25, 9);
    MerkleProof proof = MerkleTree.proof(leaves, 4);
    assertThat(proof.verify(leaves.get(4), MerkleTree.root(leaves.subList(0, 8)))).isFalse();
    assertThat(proof.verify(leaves.get(4), Hash.ZERO)).isFalse();
  }

  @Test
  void verifyRejectsMissingArguments() {
    List<TxId> leaves = txIds(26, 3);
    MerkleProof proof = MerkleTree.proof(leaves, 1);
    Hash root = MerkleTree.root(leaves);
    assertThatThrownBy(() -> proof.verify(null, root)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> proof.verify(leaves.get(1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> proof.verifyLeafHash(null, root))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Boolean> directions(long i, long n) {
    return MerkleReference.directions(i, n);
  }

  /** Whether the triple is accepted: a well-formed proof that verifies. */
  private static boolean accepts(long index, long size, List<Hash> path, TxId leaf, Hash root) {
    MerkleProof proof;
    try {
      proof = new MerkleProof(index, size, path);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    return proof.verify(leaf, root);
  }

  private static MerkleProof flipPathBit(MerkleProof proof, int element, int bit) {
    List<Hash> path = new ArrayList<>(proof.path());
    path.set(element, flip(path.get(element), bit));
    return new MerkleProof(proof.index(), proof.size(), path);
  }

  private static Hash flip(Hash h, int bit) {
    byte[] b = h.toBytes();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Hash.of(b);
  }
}
