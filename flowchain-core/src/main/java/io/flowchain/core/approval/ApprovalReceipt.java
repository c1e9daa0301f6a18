package io.flowchain.core.approval;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.List;

/**
 * One Flowcoin: the proof that a record was approved and verified. It holds the endpoint's {@link
 * Approval}, the {@link Confirmation}s of the recorder's replicas (with the recorder itself, a
 * majority of the replica set of {@code replicaSet} members as the recorder knew it), when the
 * record became verified, and the recorder's signature over all of it (docs/protocol.md §14). The
 * recorder earns the coin; the coin's id is the record's txID.
 */
public record ApprovalReceipt(
    Approval approval,
    int replicaSet,
    List<Confirmation> confirmations,
    long verifiedAt,
    NodePublicKey recorder,
    Signature signature) {

  static final String TAG = "flowchain/approval-receipt/v1";

  /** The largest replica set a receipt may name (the Chord successor list bounds r). */
  public static final int MAX_REPLICA_SET = 64;

  public ApprovalReceipt {
    if (approval == null || confirmations == null || recorder == null || signature == null) {
      throw new IllegalArgumentException("approval receipt field missing");
    }
    if (replicaSet < 1 || replicaSet > MAX_REPLICA_SET) {
      throw new IllegalArgumentException(
          "replica set must have 1.." + MAX_REPLICA_SET + " members");
    }
    if (confirmations.size() >= replicaSet) {
      throw new IllegalArgumentException(
          confirmations.size() + " confirmations from a replica set of " + replicaSet);
    }
    if (verifiedAt < 0) {
      throw new IllegalArgumentException("verification time must not be negative");
    }
    confirmations = List.copyOf(confirmations);
  }

  /** The recorder signs a receipt for {@code approval} confirmed by {@code confirmations}. */
  public static ApprovalReceipt sign(
      Approval approval,
      int replicaSet,
      List<Confirmation> confirmations,
      long verifiedAt,
      NodeKeyPair recorder) {
    ApprovalReceipt unsigned =
        new ApprovalReceipt(
            approval, replicaSet, confirmations, verifiedAt, recorder.publicKey(), Signature.NONE);
    return new ApprovalReceipt(
        approval,
        replicaSet,
        confirmations,
        verifiedAt,
        recorder.publicKey(),
        recorder.sign(unsigned.signingInput()));
  }

  /** The coin's id: the approved record's txID. */
  public TxId txId() {
    return approval.txId();
  }

  /** The node that earned the coin: the record's recorder. */
  public NodeId recorderId() {
    return recorder.nodeId();
  }

  /** The bytes the recorder signs: the tag, then {@link #body()}. */
  public byte[] signingInput() {
    return body(new CanonicalWriter(1024).tag(TAG)).toByteArray();
  }

  /** The canonical receipt without the signature. */
  public byte[] body() {
    return body(new CanonicalWriter(1024)).toByteArray();
  }

  private CanonicalWriter body(CanonicalWriter w) {
    w.bytes(approval.toBytes()).u8(replicaSet).u8(confirmations.size());
    for (Confirmation c : confirmations) {
      w.fixed(c.replica()).fixed(c.signature());
    }
    return w.i64(verifiedAt).fixed(recorder);
  }

  /** Whether the signature is the recorder's over {@link #signingInput()}. */
  public boolean signatureValid() {
    return recorder.verify(signingInput(), signature);
  }

  /** The canonical receipt: {@link #body()} followed by the recorder's signature. */
  public byte[] toBytes() {
    return body(new CanonicalWriter(1024)).fixed(signature).toByteArray();
  }

  /** Reads {@link #toBytes()}; throws {@link IllegalArgumentException} if malformed. */
  public static ApprovalReceipt parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    Approval approval = Approval.parse(r.bytes());
    int set = r.u8();
    int n = r.u8();
    if (n >= Math.max(set, 1)) {
      throw new MalformedEncodingException(n + " confirmations from a replica set of " + set);
    }
    List<Confirmation> cs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cs.add(
          new Confirmation(
              NodePublicKey.of(r.raw(NodePublicKey.SIZE)), Signature.of(r.raw(Signature.SIZE))));
    }
    long at = r.i64();
    NodePublicKey recorder = NodePublicKey.of(r.raw(NodePublicKey.SIZE));
    Signature sig = Signature.of(r.raw(Signature.SIZE));
    r.expectEnd();
    return new ApprovalReceipt(approval, set, cs, at, recorder, sig);
  }
}
