package io.flowchain.core.merkle;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * The Merkle tree over a block's transaction ids: the RFC 6962 (Certificate Transparency) §2.1
 * Merkle Tree Hash, except that the tree of zero leaves has the root {@link Hash#ZERO}.
 *
 * <ul>
 *   <li>leaf hash: {@code SHA-256(0x00 ‖ leafBytes)}, where the leaf bytes of a transaction are the
 *       32 bytes of its txID;
 *   <li>interior node: {@code SHA-256(0x01 ‖ left ‖ right)};
 *   <li>{@code n > 1} leaves: with {@code k} the largest power of two smaller than {@code n}, the
 *       root is {@code node(MTH(first k leaves), MTH(remaining n - k leaves))};
 *   <li>one leaf: the root is its leaf hash; zero leaves: the root is 32 zero bytes.
 * </ul>
 *
 * <p>Equivalently, each level pairs its nodes from the left and an odd last node is promoted
 * unchanged to the next level, never paired with a copy of itself, so two different leaf lists
 * never share a root (no duplicate-leaf ambiguity as in CVE-2012-2459).
 *
 * <p>Everything is iterative and keeps {@code O(log n)} hashes of state: the root of {@code n}
 * leaves costs {@code n} leaf hashes and {@code n - 1} node hashes, and so does an inclusion proof.
 * The methods are thread-safe.
 */
public final class MerkleTree {
  private static final int SIZE = TreeHasher.SIZE;

  private MerkleTree() {}

  /** The Merkle root of {@code txIds} in list order ({@link Hash#ZERO} for an empty list). */
  public static Hash root(List<TxId> txIds) {
    return rootOf(txLeaves(txIds), 0, txIds.size());
  }

  /**
   * The RFC 6962 Merkle root of arbitrary leaf byte strings, hashing each as {@code SHA-256(0x00 ‖
   * leaf)}; {@link Hash#ZERO} for an empty list. {@code root(txIds)} equals {@code rootOfRaw} of
   * the txIDs' 32-byte values. Meant for checking the tree against published RFC 6962 test vectors,
   * whose leaves are not 32 bytes long.
   */
  public static Hash rootOfRaw(List<byte[]> leaves) {
    return rootOf(rawLeaves(leaves), 0, leaves.size());
  }

  /**
   * The inclusion proof (RFC 6962 §2.1.1 audit path) of the leaf at {@code index} in the tree of
   * {@code txIds}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < txIds.size()}
   */
  public static MerkleProof proof(List<TxId> txIds, int index) {
    return proofOf(txLeaves(txIds), txIds.size(), index);
  }

  /**
   * The inclusion proof of the leaf at {@code index} among arbitrary leaf byte strings; see {@link
   * #rootOfRaw}. Verify it with {@link MerkleProof#verifyLeafHash} and {@link #leafHashOfRaw}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < leaves.size()}
   */
  public static MerkleProof proofOfRaw(List<byte[]> leaves, int index) {
    return proofOf(rawLeaves(leaves), leaves.size(), index);
  }

  /** The leaf hash of a transaction id: {@code SHA-256(0x00 ‖ txID)}. */
  public static Hash leafHash(TxId txId) {
    if (txId == null) {
      throw new IllegalArgumentException("txID is missing");
    }
    byte[] out = new byte[SIZE];
    TreeHasher.get().leaf(txId.hash(), out, 0);
    return Hash.of(out);
  }

  /** The leaf hash of arbitrary leaf bytes: {@code SHA-256(0x00 ‖ leaf)}. */
  public static Hash leafHashOfRaw(byte[] leaf) {
    if (leaf == null) {
      throw new IllegalArgumentException("leaf is missing");
    }
    byte[] out = new byte[SIZE];
    TreeHasher.get().leaf(leaf, 0, leaf.length, out, 0);
    return Hash.of(out);
  }

  /** Leaves by position: writes the leaf hash of leaf {@code i} to {@code out[off, off+32)}. */
  private interface Leaves {
    void hash(int i, TreeHasher hasher, byte[] out, int off);
  }

  private static Leaves txLeaves(List<TxId> txIds) {
    if (txIds == null) {
      throw new IllegalArgumentException("txID list is missing");
    }
    List<TxId> list = randomAccess(txIds);
    return (i, hasher, out, off) -> {
      TxId txId = list.get(i);
      if (txId == null) {
        throw new IllegalArgumentException("txID " + i + " is missing");
      }
      hasher.leaf(txId.hash(), out, off);
    };
  }

  private static Leaves rawLeaves(List<byte[]> leaves) {
    if (leaves == null) {
      throw new IllegalArgumentException("leaf list is missing");
    }
    List<byte[]> list = randomAccess(leaves);
    return (i, hasher, out, off) -> {
      byte[] leaf = list.get(i);
      if (leaf == null) {
        throw new IllegalArgumentException("leaf " + i + " is missing");
      }
      hasher.leaf(leaf, 0, leaf.length, out, off);
    };
  }

  /** The list itself if indexing it is cheap, else an indexable copy. */
  private static <T> List<T> randomAccess(List<T> list) {
    return list instanceof RandomAccess ? list : new ArrayList<>(list);
  }

  /** MTH of the leaves {@code [from, to)}. */
  private static Hash rootOf(Leaves leaves, int from, int to) {
    TreeHasher hasher = TreeHasher.get();
    byte[] leafHash = new byte[SIZE];
    MerkleAccumulator acc = new MerkleAccumulator();
    for (int i = from; i < to; i++) {
      leaves.hash(i, hasher, leafHash, 0);
      acc.addLeafHash(leafHash, 0);
    }
    return acc.root();
  }

  /**
   * RFC 6962 §2.1.1 PATH(m, D[0:n]), unrolled: walk down from the root, at each split keeping the
   * half that holds the leaf and recording the root of the other half; the audit path lists those
   * sibling roots from the leaf upwards, so the walk's order is reversed at the end. The sibling
   * ranges are disjoint, so every leaf outside the target is hashed exactly once.
   */
  private static MerkleProof proofOf(Leaves leaves, int n, int index) {
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException(
          "leaf index " + index + " is out of range for a tree of " + n + " leaves");
    }
    List<Hash> path = new ArrayList<>();
    int lo = 0;
    int hi = n;
    while (hi - lo > 1) {
      int k = largestPowerOfTwoBelow(hi - lo);
      int mid = lo + k;
      if (index < mid) {
        path.add(rootOf(leaves, mid, hi));
        hi = mid;
      } else {
        path.add(rootOf(leaves, lo, mid));
        lo = mid;
      }
    }
    Collections.reverse(path);
    return new MerkleProof(index, n, path);
  }

  /** The largest power of two strictly smaller than {@code n}, for {@code n >= 2}. */
  static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
