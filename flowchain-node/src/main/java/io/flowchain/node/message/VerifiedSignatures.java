package io.flowchain.node.message;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Hash;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one node has already verified: Ed25519 signatures of block headers and of records, each
 * remembered by a digest of exactly what was verified (for a header: its hash, which covers the
 * miner key, and its signature; for a record: the key, the signed bytes and the signature). A node
 * then verifies each header once however many receipts and batches of copies carry it, and each
 * record once however many times it reaches the node (as a copy, in a receipt, in a read). A
 * signature that does not verify is never remembered.
 *
 * <p>Bounded: each set is emptied when it reaches its capacity (a miss only costs a verification
 * again). Thread-safe.
 */
public final class VerifiedSignatures {
  /** Remembers nothing: every check verifies. */
  public static final VerifiedSignatures NONE = new VerifiedSignatures(0, 0);

  private final int headerCapacity;
  private final int recordCapacity;
  private final Set<HeaderKey> headers = ConcurrentHashMap.newKeySet();
  private final Set<Hash> records = ConcurrentHashMap.newKeySet();

  private record HeaderKey(Hash hash, Signature signature) {}

  /** A cache of at most {@code headerCapacity} headers and {@code recordCapacity} records. */
  public VerifiedSignatures(int headerCapacity, int recordCapacity) {
    if (headerCapacity < 0 || recordCapacity < 0) {
      throw new IllegalArgumentException("capacities must not be negative");
    }
    this.headerCapacity = headerCapacity;
    this.recordCapacity = recordCapacity;
  }

  /** The defaults of a node: 4,096 headers and 65,536 records. */
  public static VerifiedSignatures forNode() {
    return new VerifiedSignatures(4096, 65_536);
  }

  /** True if the header's signature verifies with its miner key (verified at most once). */
  public boolean headerSignatureValid(BlockHeader header) {
    if (headerCapacity == 0) {
      return header.signatureValid();
    }
    HeaderKey k = new HeaderKey(header.hash(), header.signature());
    if (headers.contains(k)) {
      return true;
    }
    boolean valid = header.signatureValid();
    if (valid) {
      remember(headers, headerCapacity, k);
    }
    return valid;
  }

  /** True if {@code record}'s signature verifies with {@code key} (verified at most once). */
  public boolean recordSignatureValid(Record record, NodePublicKey key) {
    byte[] input = record.signingInput();
    if (recordCapacity == 0) {
      return key.verify(input, record.signature());
    }
    Hash k = recordKey(input, record.signature(), key);
    if (records.contains(k)) {
      return true;
    }
    boolean valid = key.verify(input, record.signature());
    if (valid) {
      remember(records, recordCapacity, k);
    }
    return valid;
  }

  /**
   * Remembers {@code record} as signed with {@code key} without verifying it: for the records this
   * node signs itself, with its own key.
   */
  public void trustOwn(Record record, NodePublicKey key) {
    if (recordCapacity > 0) {
      remember(records, recordCapacity, recordKey(record.signingInput(), record.signature(), key));
    }
  }

  private static Hash recordKey(byte[] input, Signature signature, NodePublicKey key) {
    CanonicalWriter w = new CanonicalWriter(input.length + 128);
    w.fixed(key).fixed(signature).bytes(input);
    return Hash.of(Hashes.sha256(w.toByteArray()));
  }

  private static <T> void remember(Set<T> set, int capacity, T key) {
    if (set.size() >= capacity) {
      set.clear();
    }
    set.add(key);
  }
}
