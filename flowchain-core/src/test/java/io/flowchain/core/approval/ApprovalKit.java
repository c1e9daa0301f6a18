package io.flowchain.core.approval;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keys and certificates for approval tests: a network administrator, an endpoint certified with the
 * role {@code endpoint} by it, and a way to make approvals and receipts as a real network does.
 */
public final class ApprovalKit {
  /** A long validity window around the test clocks (2023 to 2033). */
  public static final long NOT_BEFORE = 1_600_000_000_000L;

  public static final long NOT_AFTER = 2_000_000_000_000L;

  public final NodeKeyPair admin;
  public final NodeKeyPair endpoint;
  public final ApproverCertificate certificate;

  /** Keys drawn from {@code seed}; use {@link #params()} for a network these keys belong to. */
  public ApprovalKit(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    this.admin = NodeKeyPair.generate(random);
    this.endpoint = NodeKeyPair.generate(random);
    this.certificate = null;
  }

  private ApprovalKit(NodeKeyPair admin, NodeKeyPair endpoint, ApproverCertificate certificate) {
    this.admin = admin;
    this.endpoint = endpoint;
    this.certificate = certificate;
  }

  /** The same keys with the endpoint certified for {@code params} (whose admin must be ours). */
  public ApprovalKit certifiedFor(NetworkParams params) {
    return new ApprovalKit(
        admin,
        endpoint,
        ApproverCertificate.issue(
            admin,
            params,
            endpoint.publicKey(),
            NOT_BEFORE,
            NOT_AFTER,
            List.of(ApproverCertificate.ENDPOINT_ROLE)));
  }

  /** The endpoint's approval of {@code record} at {@code at}. */
  public Approval approve(Record record, long at) {
    return Approval.sign(record, at, endpoint, certificate);
  }

  /**
   * The receipt a recorder makes for {@code record}: the endpoint's approval at {@code at}, every
   * one of {@code replicas} confirming, signed by {@code recorder}, for a replica set of the
   * recorder and the replicas.
   */
  public ApprovalReceipt receipt(
      Record record, long at, NodeKeyPair recorder, List<NodeKeyPair> replicas) {
    Approval a = approve(record, at);
    List<Confirmation> cs = new ArrayList<>();
    for (NodeKeyPair r : replicas) {
      cs.add(Confirmation.sign(a, r));
    }
    return ApprovalReceipt.sign(a, replicas.size() + 1, cs, at + 5, recorder);
  }
}
