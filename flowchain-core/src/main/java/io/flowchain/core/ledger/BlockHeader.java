package io.flowchain.core.ledger;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;

/**
 * A virtual block's header: the talk's fields (no, previousHash, timestamp, merkleRoot, difficulty,
 * nonce), the {@link Seal} of an earlier block of the branch (whose Merkle root is the header's
 * merkleRoot), the miner's node id and key, and the miner's signature.
 *
 * <p>The canonical form (docs/protocol.md) is {@value #UNSIGNED_SIZE} bytes of unsigned header
 * followed by the 64-byte signature. The block hash is SHA-256d of the unsigned bytes; the miner
 * signs {@code "flowchain/block/v1" 0x00 ‖ blockHash}.
 */
public record BlockHeader(
    long no,
    Hash previousHash,
    long timestamp,
    Seal seal,
    Difficulty difficulty,
    long nonce,
    NodeId minerId,
    NodePublicKey minerKey,
    Signature signature) {

  public static final int VERSION = 1;

  /** Size of the unsigned header bytes. */
  public static final int UNSIGNED_SIZE = 1 + 8 + 32 + 8 + 8 + 32 + 8 + 1 + 32 + 8 + 20 + 32;

  /** Offset of the nonce in the unsigned bytes (the miner rewrites it in place). */
  public static final int NONCE_OFFSET = UNSIGNED_SIZE - 8 - 20 - 32;

  public static final int SIZE = UNSIGNED_SIZE + Signature.SIZE;

  static final String SIGNATURE_TAG = "flowchain/block/v1";

  public BlockHeader {
    if (no < 0) {
      throw new IllegalArgumentException("block number must not be negative: " + no);
    }
    if (previousHash == null
        || seal == null
        || difficulty == null
        || minerId == null
        || minerKey == null
        || signature == null) {
      throw new IllegalArgumentException("block header field missing");
    }
    if (no > 0 && seal.sealedNo() >= no) {
      throw new IllegalArgumentException(
          "block " + no + " cannot seal block " + seal.sealedNo() + " (not earlier)");
    }
  }

  /** The talk's merkleRoot field: the root of the txIDs of the sealed block. */
  public Hash merkleRoot() {
    return seal.merkleRoot();
  }

  /** The canonical unsigned header bytes. */
  public byte[] unsignedBytes() {
    CanonicalWriter w = new CanonicalWriter(UNSIGNED_SIZE);
    w.u8(VERSION)
        .i64(no)
        .fixed(previousHash)
        .i64(timestamp)
        .i64(seal.sealedNo())
        .fixed(seal.merkleRoot())
        .i64(seal.recordCount())
        .u8(seal.statusCode())
        .raw(difficulty.toBytes())
        .i64(nonce)
        .fixed(minerId)
        .fixed(minerKey);
    return w.toByteArray();
  }

  /** The canonical signed header bytes (unsigned bytes ‖ signature). */
  public byte[] toBytes() {
    return new CanonicalWriter(SIZE).raw(unsignedBytes()).fixed(signature).toByteArray();
  }

  /** The block hash: SHA-256(SHA-256(unsigned header bytes)). */
  public Hash hash() {
    return Hashes.sha256d(unsignedBytes());
  }

  /** H_BLOCK = SHA-256(no ‖ timestamp ‖ nonce), the block's part of every txID recorded in it. */
  public Hash hBlock() {
    return TxHashes.hBlock(no, timestamp, nonce);
  }

  /** The message the miner signs for a block of hash {@code blockHash}. */
  public static byte[] signingInput(Hash blockHash) {
    return new CanonicalWriter(64).tag(SIGNATURE_TAG).fixed(blockHash).toByteArray();
  }

  /** True if the signature is the miner key's signature of this header. */
  public boolean signatureValid() {
    return minerKey.verify(signingInput(hash()), signature);
  }

  /** This header with {@code signature}. */
  public BlockHeader withSignature(Signature signature) {
    return new BlockHeader(
        no, previousHash, timestamp, seal, difficulty, nonce, minerId, minerKey, signature);
  }

  /** Decodes the canonical signed header bytes. */
  public static BlockHeader parse(byte[] bytes) {
    return decode(new CanonicalReader(bytes), true);
  }

  /** Decodes the unsigned header bytes; the signature is left {@link Signature#NONE}. */
  static BlockHeader parseUnsigned(byte[] bytes) {
    return decode(new CanonicalReader(bytes), false);
  }

  private static BlockHeader decode(CanonicalReader r, boolean signed) {
    int version = r.u8();
    if (version != VERSION) {
      throw new MalformedEncodingException("unsupported block header version " + version);
    }
    long no = r.i64();
    Hash previous = Hash.of(r.raw(32));
    long timestamp = r.i64();
    long sealedNo = r.i64();
    Hash root = Hash.of(r.raw(32));
    long count = r.i64();
    int status = r.u8();
    Difficulty difficulty = Difficulty.of(r.raw(32));
    long nonce = r.i64();
    NodeId miner = NodeId.of(r.raw(20));
    NodePublicKey key = NodePublicKey.of(r.raw(32));
    Signature sig = signed ? Signature.of(r.raw(64)) : Signature.NONE;
    r.expectEnd();
    InvalidReason reason = status == 0 ? null : InvalidReason.ofCode(status);
    return new BlockHeader(
        no,
        previous,
        timestamp,
        new Seal(sealedNo, root, count, reason),
        difficulty,
        nonce,
        miner,
        key,
        sig);
  }
}
