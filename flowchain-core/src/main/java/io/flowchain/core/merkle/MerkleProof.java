package io.flowchain.core.merkle;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusion proof: the RFC 6962 §2.1.1 audit path of the leaf at {@code index} in a Merkle tree
 * of {@code size} leaves (see {@link MerkleTree}), listed from the leaf's sibling up to the child
 * of the root.
 *
 * <p>A well-formed proof has {@code 0 <= index < size} and exactly as many path elements as the
 * audit path of that position has: with {@code inner} the bit length of {@code index ^ (size - 1)},
 * that is {@code inner + bitCount(index >>> inner)}. The constructor rejects anything else, so a
 * proof object always has the right shape; whether it is <em>true</em> is what {@link #verify}
 * decides.
 *
 * <p>A proof binds the leaf, its index and the root. It does not on its own bind the tree size: the
 * leaves {@code index} of trees of different sizes can share the same audit path shape (for example
 * leaf 0 of trees of 5 to 8 leaves), so the same path checks out against the same root under each
 * of those sizes. When the tree size is known from a trusted source (a block header's transaction
 * count), use {@link #verify(TxId, Hash, long)}.
 *
 * <p>For JSON and other text formats, {@link #pathHex()} and {@link #of(long, long, List)} convert
 * the path to and from lower-case hex strings.
 *
 * @param index the leaf's position, from 0
 * @param size the number of leaves in the tree, at least 1
 * @param path the sibling hashes from the leaf level upwards; an unmodifiable copy is kept
 */
public record MerkleProof(long index, long size, List<Hash> path) {
  /** Checks the shape of the proof; see the class description. */
  public MerkleProof {
    if (size < 1) {
      throw new IllegalArgumentException("tree size must be at least 1, got " + size);
    }
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is out of range for a tree of " + size + " leaves");
    }
    if (path == null) {
      throw new IllegalArgumentException("proof path is missing");
    }
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i) == null) {
        throw new IllegalArgumentException("proof path element " + i + " is missing");
      }
    }
    int expected = pathLength(index, size);
    if (path.size() != expected) {
      throw new IllegalArgumentException(
          "proof for leaf "
              + index
              + " of "
              + size
              + " must have "
              + expected
              + " path elements, got "
              + path.size());
    }
    path = List.copyOf(path);
  }

  /**
   * The proof from hex strings, as in a JSON document.
   *
   * @throws IllegalArgumentException if a string is not 64 hex digits or the shape is wrong
   */
  public static MerkleProof of(long index, long size, List<String> pathHex) {
    if (pathHex == null) {
      throw new IllegalArgumentException("proof path is missing");
    }
    List<Hash> path = new ArrayList<>(pathHex.size());
    for (int i = 0; i < pathHex.size(); i++) {
      try {
        path.add(Hash.parse(pathHex.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("proof path element " + i + ": " + e.getMessage(), e);
      }
    }
    return new MerkleProof(index, size, path);
  }

  /** The path as lower-case hex strings, leaf level first. */
  public List<String> pathHex() {
    return path.stream().map(Hash::toHex).toList();
  }

  /**
   * Whether {@code leaf} is the leaf at {@link #index()} of the tree with root {@code root}:
   * recomputes the root from the leaf hash and the path (RFC 9162 §2.1.3.2) and compares.
   *
   * <p>The tree size is taken from the proof; see the class description for why a caller that knows
   * the size should use {@link #verify(TxId, Hash, long)} instead.
   */
  public boolean verify(TxId leaf, Hash root) {
    if (leaf == null) {
      throw new IllegalArgumentException("txID is missing");
    }
    return verifyLeafHash(MerkleTree.leafHash(leaf), root);
  }

  /**
   * Whether {@code leaf} is the leaf at {@link #index()} of the tree of {@code treeSize} leaves
   * with root {@code root}: {@link #verify(TxId, Hash)} and {@code size() == treeSize}.
   */
  public boolean verify(TxId leaf, Hash root, long treeSize) {
    return size == treeSize && verify(leaf, root);
  }

  /**
   * Whether the leaf with leaf hash {@code leafHash} ({@link MerkleTree#leafHash} or {@link
   * MerkleTree#leafHashOfRaw}) is the leaf at {@link #index()} of the tree with root {@code root}.
   */
  public boolean verifyLeafHash(Hash leafHash, Hash root) {
    if (leafHash == null) {
      throw new IllegalArgumentException("leaf hash is missing");
    }
    if (root == null) {
      throw new IllegalArgumentException("root is missing");
    }
    byte[] computed = rootFromPath(index, size, leafHash, path);
    return computed != null && Hash.of(computed).equals(root);
  }

  /**
   * RFC 9162 §2.1.3.2: the root implied by the leaf hash and the audit path of leaf {@code index}
   * in a tree of {@code size} leaves, or {@code null} if the path does not fit that position. The
   * algorithm checks the fit on its own; a {@code MerkleProof} also rules a misfit out when it is
   * constructed.
   */
  static byte[] rootFromPath(long index, long size, Hash leafHash, List<Hash> path) {
    if (index < 0 || index >= size) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash.toBytes();
    byte[] p = new byte[Hash.SIZE];
    TreeHasher hasher = TreeHasher.get();
    for (Hash element : path) {
      if (sn == 0) {
        return null;
      }
      element.copyTo(p, 0);
      if ((fn & 1) == 1 || fn == sn) {
        hasher.node(p, 0, r, 0, r, 0);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        hasher.node(r, 0, p, 0, r, 0);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 ? r : null;
  }

  /**
   * The length of the RFC 6962 audit path of leaf {@code index} in a tree of {@code size} leaves:
   * the levels below the point where the paths to {@code index} and to the last leaf part ({@code
   * inner}), plus one for each level above it where the leaf's subtree is a right child (a set bit
   * of {@code index >>> inner}); the levels where it is a left child with nothing to its right are
   * the ones where a node is promoted without hashing.
   */
  static int pathLength(long index, long size) {
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }
}
