package io.flowchain.core.approval;

import io.flowchain.core.approval.Refusal.Kind;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of approval (docs/protocol.md §14), pure: no clock, no store. The recorder and each
 * replica run {@link #checkNew} and {@link #checkAgainst} on an approval that arrives, with the
 * record they hold; a verifier of an exported branch runs {@link #checkReceipt} on every receipt.
 * Thread-safe.
 *
 * <p>Who may approve: the holder of a membership certificate of this network, issued by one of its
 * administrators, with the role {@value ApproverCertificate#ENDPOINT_ROLE}, valid at the approval's
 * time ({@link ApproverCertificate#problem}).
 */
public final class ApprovalRules {
  /** How old an approval may be when it arrives. */
  public static final long MAX_AGE_MILLIS = 10 * 60_000;

  private final NetworkParams params;

  public ApprovalRules(NetworkParams params) {
    if (params == null) {
      throw new IllegalArgumentException("network parameters missing");
    }
    this.params = params;
  }

  /**
   * Confirmations a receipt needs besides the recorder's own signature so that, with the recorder,
   * a majority of a replica set of {@code replicaSet} members confirmed: {@code replicaSet / 2}.
   */
  public static int confirmationsNeeded(int replicaSet) {
    return replicaSet / 2;
  }

  /** The approval on its own: the approver's signature and its authorization at its time. */
  public Optional<Refusal> checkSigned(Approval a) {
    if (!a.signatureValid()) {
      return refuse(Kind.BAD_SIGNATURE, "the approval's signature does not verify");
    }
    Optional<String> cert = a.certificate().problem(params, a.approvedAt());
    return cert.map(m -> new Refusal(Kind.UNAUTHORIZED, m));
  }

  /**
   * An approval arriving at {@code now}: its time is neither in the future (beyond the tolerated
   * clock skew) nor older than {@link #MAX_AGE_MILLIS}, and {@link #checkSigned} holds.
   */
  public Optional<Refusal> checkNew(Approval a, long now) {
    if (a.approvedAt() > now + ApproverCertificate.SKEW_MILLIS) {
      return refuse(Kind.BAD_TIME, "the approval is dated in the future (" + a.approvedAt() + ")");
    }
    if (a.approvedAt() < now - MAX_AGE_MILLIS) {
      return refuse(Kind.BAD_TIME, "the approval is older than " + MAX_AGE_MILLIS / 1000 + " s");
    }
    return checkSigned(a);
  }

  /**
   * The approval against the record held under its txID: the same data key, the same record bytes
   * (digest), and not dated before the record was recorded.
   */
  public static Optional<Refusal> checkAgainst(Approval a, Record record) {
    if (!record.txId().equals(a.txId())) {
      return refuse(Kind.UNKNOWN_RECORD, "the record held is not " + a.txId());
    }
    if (!record.dataKey().equals(a.dataKey())) {
      return refuse(Kind.TAMPERED, "the approval names another data key than the record's");
    }
    if (!Approval.digestOf(record).equals(a.recordDigest())) {
      return refuse(
          Kind.TAMPERED, "the approved record bytes are not the record's (digest differs)");
    }
    if (a.approvedAt() < record.recordedAt() - ApproverCertificate.SKEW_MILLIS) {
      return refuse(Kind.BAD_TIME, "the approval is dated before the record was recorded");
    }
    return Optional.empty();
  }

  /**
   * A receipt in full, against the record it approves (already checked against its block) and the
   * recorder's key (the branch's miner key): the approval as {@link #checkSigned} and {@link
   * #checkAgainst}; at least {@link #confirmationsNeeded} distinct replicas other than the
   * recorder, each signature valid; the recorder's signature.
   */
  public Optional<Refusal> checkReceipt(
      ApprovalReceipt r, Record record, NodePublicKey recorderKey) {
    if (!r.recorder().equals(recorderKey) || !recorderKey.nodeId().equals(record.recorder())) {
      return refuse(Kind.BAD_RECEIPT, "the receipt is not signed by the record's recorder");
    }
    Optional<Refusal> p = checkAgainst(r.approval(), record).or(() -> checkSigned(r.approval()));
    if (p.isPresent()) {
      return p;
    }
    int needed = confirmationsNeeded(r.replicaSet());
    if (r.confirmations().size() < needed) {
      return refuse(
          Kind.BAD_RECEIPT,
          r.confirmations().size()
              + " confirmations; a replica set of "
              + r.replicaSet()
              + " needs "
              + needed);
    }
    Set<NodePublicKey> seen = new HashSet<>();
    for (Confirmation c : r.confirmations()) {
      if (c.replica().equals(recorderKey) || !seen.add(c.replica())) {
        return refuse(
            Kind.BAD_RECEIPT, "a replica confirms twice, or the recorder confirms itself");
      }
      if (!c.validFor(r.approval())) {
        return refuse(
            Kind.BAD_RECEIPT, "the confirmation of replica " + c.replicaId() + " does not verify");
      }
    }
    if (!r.signatureValid()) {
      return refuse(Kind.BAD_RECEIPT, "the recorder's signature on the receipt does not verify");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(Kind kind, String message) {
    return Optional.of(new Refusal(kind, message));
  }
}
