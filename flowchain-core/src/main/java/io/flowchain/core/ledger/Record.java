package io.flowchain.core.ledger;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;

/**
 * A transaction as recorded by node N' in one of its valid blocks: the submission, where it was
 * recorded (block number and hash, recorder id, time) and the recorder's Ed25519 signature over
 * {@link #signingInput()}.
 */
public record Record(
    TxId txId,
    Key dataKey,
    Submission submission,
    long recordedAt,
    long blockNo,
    Hash blockHash,
    NodeId recorder,
    Signature signature) {

  static final String SIGNATURE_TAG = "flowchain/record/v1";

  public Record {
    if (txId == null
        || dataKey == null
        || submission == null
        || blockHash == null
        || recorder == null
        || signature == null) {
      throw new IllegalArgumentException("record field missing");
    }
    if (blockNo < 1) {
      throw new IllegalArgumentException("records go in mined blocks (no ≥ 1), not " + blockNo);
    }
  }

  public String objectId() {
    return submission.objectId();
  }

  public long timestamp() {
    return submission.timestamp();
  }

  /** The canonical bytes the recorder signs: the tag, then {@link #body()}. */
  public byte[] signingInput() {
    return signingInput(txId, dataKey, submission, recordedAt, blockNo, blockHash, recorder);
  }

  /** The canonical record bytes without the signature (docs/protocol.md). */
  public byte[] body() {
    return writeBody(new CanonicalWriter(160 + submission.payload().length())).toByteArray();
  }

  /** The canonical record: {@link #body()} followed by the 64-byte signature. */
  public byte[] toBytes() {
    return writeBody(new CanonicalWriter(224 + submission.payload().length()))
        .fixed(signature)
        .toByteArray();
  }

  private CanonicalWriter writeBody(CanonicalWriter w) {
    return writeBody(w, txId, dataKey, submission, recordedAt, blockNo, blockHash, recorder);
  }

  /** Decodes {@link #toBytes()}; throws {@link IllegalArgumentException} on malformed input. */
  public static Record parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    TxId txId = new TxId(Hash.of(r.raw(32)));
    Key key = Key.of(r.raw(20));
    String objectId = r.string();
    long timestamp = r.i64();
    Bytes salt = Bytes.of(r.raw(Submission.SALT_SIZE));
    long recordedAt = r.i64();
    long blockNo = r.i64();
    Hash blockHash = Hash.of(r.raw(32));
    NodeId recorder = NodeId.of(r.raw(20));
    String contentType = r.string();
    Bytes payload = Bytes.of(r.bytes());
    Signature signature = Signature.of(r.raw(Signature.SIZE));
    r.expectEnd();
    Submission s = new Submission(objectId, contentType, payload, timestamp, salt);
    return new Record(txId, key, s, recordedAt, blockNo, blockHash, recorder, signature);
  }

  static byte[] signingInput(
      TxId txId,
      Key dataKey,
      Submission s,
      long recordedAt,
      long blockNo,
      Hash blockHash,
      NodeId recorder) {
    CanonicalWriter w = new CanonicalWriter(192 + s.payload().length()).tag(SIGNATURE_TAG);
    return writeBody(w, txId, dataKey, s, recordedAt, blockNo, blockHash, recorder).toByteArray();
  }

  private static CanonicalWriter writeBody(
      CanonicalWriter w,
      TxId txId,
      Key dataKey,
      Submission s,
      long recordedAt,
      long blockNo,
      Hash blockHash,
      NodeId recorder) {
    return w.fixed(txId.hash())
        .fixed(dataKey)
        .string(s.objectId())
        .i64(s.timestamp())
        .raw(s.salt().toByteArray())
        .i64(recordedAt)
        .i64(blockNo)
        .fixed(blockHash)
        .fixed(recorder)
        .string(s.contentType())
        .bytes(s.payload().toByteArray());
  }

  /** True if {@code key} signed this record. */
  public boolean signatureValidFor(NodePublicKey key) {
    return key.verify(signingInput(), signature);
  }
}
