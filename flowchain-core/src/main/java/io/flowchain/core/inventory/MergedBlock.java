package io.flowchain.core.inventory;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;

/**
 * One entry of the merged chain (paper §3.1, "Inventory"): a sealed virtual block of some node's
 * branch, placed in the administrator's single chain. It repeats what the branch says about the
 * block (hash, time, status, record count and Merkle root) and links to the entry before it. The
 * canonical form is {@value #SIZE} bytes; the entry hash is SHA-256d of them.
 */
public record MergedBlock(
    long index,
    Hash previousHash,
    long round,
    NodeId minerId,
    long branchNo,
    Hash branchBlockHash,
    long timestamp,
    InvalidReason status,
    long recordCount,
    Hash merkleRoot) {

  public static final int VERSION = 1;
  public static final int SIZE = 1 + 8 + 32 + 8 + 20 + 8 + 32 + 8 + 1 + 8 + 32;

  public MergedBlock {
    if (index < 0 || round < 1 || branchNo < 1 || recordCount < 0) {
      throw new IllegalArgumentException("merged block field out of range");
    }
    if (previousHash == null || minerId == null || branchBlockHash == null || merkleRoot == null) {
      throw new IllegalArgumentException("merged block field missing");
    }
  }

  public byte[] toBytes() {
    return new CanonicalWriter(SIZE)
        .u8(VERSION)
        .i64(index)
        .fixed(previousHash)
        .i64(round)
        .fixed(minerId)
        .i64(branchNo)
        .fixed(branchBlockHash)
        .i64(timestamp)
        .u8(status == null ? 0 : status.code())
        .i64(recordCount)
        .fixed(merkleRoot)
        .toByteArray();
  }

  public Hash hash() {
    return Hashes.sha256d(toBytes());
  }

  public static MergedBlock parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int version = r.u8();
    if (version != VERSION) {
      throw new MalformedEncodingException("unsupported merged block version " + version);
    }
    MergedBlock b =
        new MergedBlock(
            r.i64(),
            Hash.of(r.raw(32)),
            r.i64(),
            NodeId.of(r.raw(20)),
            r.i64(),
            Hash.of(r.raw(32)),
            r.i64(),
            statusOf(r.u8()),
            r.i64(),
            Hash.of(r.raw(32)));
    r.expectEnd();
    return b;
  }

  private static InvalidReason statusOf(int code) {
    return code == 0 ? null : InvalidReason.ofCode(code);
  }

  /** The order of entries within one round: (timestamp, miner id, branch block number). */
  static int compareInRound(MergedBlock a, MergedBlock b) {
    int c = Long.compare(a.timestamp, b.timestamp);
    if (c == 0) {
      c = a.minerId.compareTo(b.minerId);
    }
    return c != 0 ? c : Long.compare(a.branchNo, b.branchNo);
  }
}
