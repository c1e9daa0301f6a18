package io.flowchain.core.approval;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.NodeId;

/**
 * A replica's word that it checked an approval against its own copy of the record and found both
 * good: its Ed25519 signature over the approval's digest and txID (docs/protocol.md §14).
 */
public record Confirmation(NodePublicKey replica, Signature signature) {
  static final String TAG = "flowchain/confirmation/v1";

  /** Encoded size: the replica's key and its signature. */
  public static final int SIZE = NodePublicKey.SIZE + Signature.SIZE;

  public Confirmation {
    if (replica == null || signature == null) {
      throw new IllegalArgumentException("confirmation field missing");
    }
  }

  /** {@code replica} confirms {@code approval}. */
  public static Confirmation sign(Approval approval, NodeKeyPair replica) {
    return new Confirmation(
        replica.publicKey(), replica.sign(signingInput(approval, replica.publicKey())));
  }

  /** The bytes a replica signs: the tag, the approval's digest, its txID and the replica's key. */
  public static byte[] signingInput(Approval approval, NodePublicKey replica) {
    return new CanonicalWriter(128)
        .tag(TAG)
        .fixed(approval.digest())
        .fixed(approval.txId().hash())
        .fixed(replica)
        .toByteArray();
  }

  /** Whether this is a valid confirmation of {@code approval}. */
  public boolean validFor(Approval approval) {
    return replica.verify(signingInput(approval, replica), signature);
  }

  public NodeId replicaId() {
    return replica.nodeId();
  }
}
