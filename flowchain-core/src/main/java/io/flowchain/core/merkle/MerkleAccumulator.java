package io.flowchain.core.merkle;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import java.util.Arrays;

/**
 * An append-only Merkle tree that keeps only what it needs to produce the root: the roots of the
 * perfect subtrees covering the leaves added so far (a "compact range"), largest first.
 *
 * <p>A tree of {@code n} leaves, with {@code n = 2^a + 2^b + ...} ({@code a > b > ...}), is held as
 * one perfect-subtree root per set bit of {@code n}: the root of the first {@code 2^a} leaves, then
 * of the next {@code 2^b}, and so on. Adding a leaf pushes its leaf hash and merges equal-size
 * neighbours, exactly like incrementing a binary counter; {@link #root()} folds the stack from the
 * right, {@code node(s0, node(s1, ... node(s_{k-1}, s_k)))}, which is the RFC 6962 Merkle Tree Hash
 * of the same leaves. Both take {@code O(log n)} hashes and the state is {@code O(log n)} bytes, so
 * the root can be kept current while transactions are appended without ever recomputing the tree.
 *
 * <p>For every {@code n}, including 0, {@link #root()} equals {@link MerkleTree#root} of the same
 * leaves in the same order; the empty accumulator's root is {@link Hash#ZERO}.
 *
 * <p><b>Not thread-safe.</b> Confine an accumulator to one thread or guard it externally; use
 * {@link #copy()} to hand a snapshot to another thread.
 */
public final class MerkleAccumulator {
  private static final int SIZE = TreeHasher.SIZE;

  /** Perfect-subtree roots, 32 bytes each, oldest (largest) first; {@code depth} of them. */
  private byte[] stack;

  private int depth;
  private long size;

  /** An empty accumulator. */
  public MerkleAccumulator() {
    this.stack = new byte[8 * SIZE];
  }

  private MerkleAccumulator(byte[] stack, int depth, long size) {
    this.stack = stack;
    this.depth = depth;
    this.size = size;
  }

  /** Appends a transaction id as the next leaf. */
  public void add(TxId txId) {
    if (txId == null) {
      throw new IllegalArgumentException("txID is missing");
    }
    int slot = reserve();
    TreeHasher.get().leaf(txId.hash(), stack, slot);
    push();
  }

  /** Appends every transaction id of {@code txIds}, in iteration order. */
  public void addAll(Iterable<TxId> txIds) {
    if (txIds == null) {
      throw new IllegalArgumentException("txID list is missing");
    }
    for (TxId txId : txIds) {
      add(txId);
    }
  }

  /** Appends a leaf whose bytes are arbitrary (the generic RFC 6962 form). */
  void addRaw(byte[] leafBytes) {
    if (leafBytes == null) {
      throw new IllegalArgumentException("leaf is missing");
    }
    int slot = reserve();
    TreeHasher.get().leaf(leafBytes, 0, leafBytes.length, stack, slot);
    push();
  }

  /** Appends a leaf whose leaf hash is already computed: {@code hash[off, off+32)}. */
  void addLeafHash(byte[] hash, int off) {
    int slot = reserve();
    System.arraycopy(hash, off, stack, slot, SIZE);
    push();
  }

  /** The number of leaves added. */
  public long size() {
    return size;
  }

  /**
   * The Merkle root of the leaves added so far ({@link Hash#ZERO} if none), in {@code O(log n)}
   * hashes; the accumulator is not changed.
   */
  public Hash root() {
    if (depth == 0) {
      return Hash.ZERO;
    }
    byte[] r = Arrays.copyOfRange(stack, (depth - 1) * SIZE, depth * SIZE);
    TreeHasher hasher = TreeHasher.get();
    for (int i = depth - 2; i >= 0; i--) {
      hasher.node(stack, i * SIZE, r, 0, r, 0);
    }
    return Hash.of(r);
  }

  /** An independent accumulator with the same leaves; later additions to either do not mix. */
  public MerkleAccumulator copy() {
    return new MerkleAccumulator(stack.clone(), depth, size);
  }

  @Override
  public String toString() {
    return "MerkleAccumulator[size=" + size + ", subtrees=" + depth + "]";
  }

  /**
   * Makes room for one more subtree root above the top of the stack and returns its byte offset;
   * the slot only becomes part of the state once {@link #push()} is called.
   */
  private int reserve() {
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("Merkle accumulator is full");
    }
    if ((depth + 1) * SIZE > stack.length) {
      stack = Arrays.copyOf(stack, stack.length * 2);
    }
    return depth * SIZE;
  }

  /**
   * Completes an append whose leaf hash is in the reserved slot: while the counter's low bits
   * carry, the two topmost subtrees have the same size and become one, {@code node(older, newer)}.
   */
  private void push() {
    depth++;
    TreeHasher hasher = TreeHasher.get();
    for (long carry = size; (carry & 1) == 1; carry >>>= 1) {
      int right = (depth - 1) * SIZE;
      int left = right - SIZE;
      hasher.node(stack, left, stack, right, stack, left);
      depth--;
    }
    size++;
  }
}
