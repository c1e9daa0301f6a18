package io.flowchain.core.approval;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.Hashes;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;

/**
 * An endpoint's approval of one record (paper §5.4): it names the record by txID and data key (the
 * key routes the approval to the record's successor) and by the SHA-256 of the exact record bytes
 * it saw, so that an approval of a tampered copy cannot count for the original. Signed with the
 * endpoint's Ed25519 key over a domain-separated message; the endpoint's certificate travels with
 * it. The canonical form is in docs/protocol.md §14.
 */
public record Approval(
    TxId txId,
    Key dataKey,
    Hash recordDigest,
    long approvedAt,
    NodePublicKey approver,
    ApproverCertificate certificate,
    Signature signature) {

  static final String TAG = "flowchain/approval/v1";

  public Approval {
    if (txId == null
        || dataKey == null
        || recordDigest == null
        || approver == null
        || certificate == null
        || signature == null) {
      throw new IllegalArgumentException("approval field missing");
    }
    if (approvedAt < 0) {
      throw new IllegalArgumentException("approval time must not be negative");
    }
    if (!certificate.key().equals(approver)) {
      throw new IllegalArgumentException("the certificate is not for the approver's key");
    }
  }

  /** The digest an approval names: SHA-256 of the canonical record bytes (§7). */
  public static Hash digestOf(Record record) {
    return Hash.of(Hashes.sha256(record.toBytes()));
  }

  /** {@code endpoint} approves {@code record} at {@code approvedAt}. */
  public static Approval sign(
      Record record, long approvedAt, NodeKeyPair endpoint, ApproverCertificate certificate) {
    Hash digest = digestOf(record);
    byte[] input =
        signingInput(record.txId(), record.dataKey(), digest, approvedAt, endpoint.publicKey());
    return new Approval(
        record.txId(),
        record.dataKey(),
        digest,
        approvedAt,
        endpoint.publicKey(),
        certificate,
        endpoint.sign(input));
  }

  /** The bytes the endpoint signs: the tag, txID, data key, record digest, time and its key. */
  public byte[] signingInput() {
    return signingInput(txId, dataKey, recordDigest, approvedAt, approver);
  }

  static byte[] signingInput(
      TxId txId, Key dataKey, Hash recordDigest, long approvedAt, NodePublicKey approver) {
    return new CanonicalWriter(160)
        .tag(TAG)
        .fixed(txId.hash())
        .fixed(dataKey)
        .fixed(recordDigest)
        .i64(approvedAt)
        .fixed(approver)
        .toByteArray();
  }

  /** Whether the signature is the approver's over {@link #signingInput()}. */
  public boolean signatureValid() {
    return approver.verify(signingInput(), signature);
  }

  /** The canonical approval: the signed fields, the certificate and the signature. */
  public byte[] toBytes() {
    return write(new CanonicalWriter(512)).toByteArray();
  }

  CanonicalWriter write(CanonicalWriter w) {
    return w.fixed(txId.hash())
        .fixed(dataKey)
        .fixed(recordDigest)
        .i64(approvedAt)
        .fixed(approver)
        .bytes(certificate.toBytes())
        .fixed(signature);
  }

  /** SHA-256 of {@link #toBytes()}: what the replicas' confirmations sign. */
  public Hash digest() {
    return Hash.of(Hashes.sha256(toBytes()));
  }

  /** Reads {@link #toBytes()}; throws {@link IllegalArgumentException} if malformed. */
  public static Approval parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Approval a = read(r);
    r.expectEnd();
    return a;
  }

  static Approval read(CanonicalReader r) {
    TxId txId = new TxId(Hash.of(r.raw(Hash.SIZE)));
    Key key = Key.of(r.raw(Key.SIZE));
    Hash digest = Hash.of(r.raw(Hash.SIZE));
    long at = r.i64();
    NodePublicKey approver = NodePublicKey.of(r.raw(NodePublicKey.SIZE));
    ApproverCertificate cert = ApproverCertificate.parse(r.bytes());
    Signature sig = Signature.of(r.raw(Signature.SIZE));
    return new Approval(txId, key, digest, at, approver, cert, sig);
  }
}
