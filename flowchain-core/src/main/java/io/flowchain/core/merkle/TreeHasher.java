package io.flowchain.core.merkle;

import io.flowchain.core.types.Hash;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The two hash functions of the tree, writing their 32-byte results straight into a caller's buffer
 * so that hashing a large tree allocates nothing per node.
 *
 * <ul>
 *   <li>leaf hash: {@code SHA-256(0x00 ‖ leafBytes)}
 *   <li>node hash: {@code SHA-256(0x01 ‖ left ‖ right)}
 * </ul>
 *
 * <p>One instance per thread ({@link #get()}); an instance is not thread-safe.
 */
final class TreeHasher {
  static final int SIZE = Hash.SIZE;
  static final byte LEAF_PREFIX = 0x00;
  static final byte NODE_PREFIX = 0x01;

  private static final ThreadLocal<TreeHasher> LOCAL = ThreadLocal.withInitial(TreeHasher::new);

  private final MessageDigest md;
  private final byte[] scratch = new byte[SIZE];

  private TreeHasher() {
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  /** This thread's hasher. */
  static TreeHasher get() {
    return LOCAL.get();
  }

  /** Writes {@code SHA-256(0x00 ‖ data[off, off+len))} to {@code out[outOff, outOff+32)}. */
  void leaf(byte[] data, int off, int len, byte[] out, int outOff) {
    try {
      md.update(LEAF_PREFIX);
      md.update(data, off, len);
      md.digest(out, outOff, SIZE);
    } catch (DigestException | RuntimeException e) {
      throw failed(e);
    }
  }

  /** Writes {@code SHA-256(0x00 ‖ leaf)} (the 32 bytes of the hash) to {@code out[outOff..]}. */
  void leaf(Hash leaf, byte[] out, int outOff) {
    leaf.copyTo(scratch, 0);
    leaf(scratch, 0, SIZE, out, outOff);
  }

  /**
   * Writes {@code SHA-256(0x01 ‖ left ‖ right)} to {@code out[outOff..]}, each operand being the 32
   * bytes at the given offset. The output may overlap either operand: the operands are consumed
   * before the digest is written.
   */
  void node(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
    try {
      md.update(NODE_PREFIX);
      md.update(left, leftOff, SIZE);
      md.update(right, rightOff, SIZE);
      md.digest(out, outOff, SIZE);
    } catch (DigestException | RuntimeException e) {
      throw failed(e);
    }
  }

  /** Leaves the digest clean for the next caller and reports the failure. */
  private RuntimeException failed(Exception e) {
    md.reset();
    return e instanceof RuntimeException r
        ? r
        : new IllegalStateException("SHA-256 digest could not be written", e);
  }
}
