package io.flowchain.node;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.approval.Confirmation;
import io.flowchain.core.approval.Refusal;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.RingId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.Approve;
import io.flowchain.node.message.Approved;
import io.flowchain.node.message.Confirm;
import io.flowchain.node.message.Confirmed;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Receipts;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.ReplicaAck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval on this node (paper §5.4, docs/node.md): as the recorder N', it checks an endpoint's
 * {@link Approve}, asks its replica set to confirm it, and once a majority of the set (itself
 * included) did, signs the {@link ApprovalReceipt}, stores it (one Flowcoin), copies it to the
 * replicas and answers the endpoint; as a replica, it checks a {@link Confirm} against its own copy
 * and confirms or refuses; it keeps the receipts its recorders copy to it. A refused approval
 * changes nothing. Not thread-safe (the node's thread).
 */
final class Approvals {
  private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);

  /** An approval being confirmed by the replica set. */
  private final class Pending {
    final Approval approval;
    final RecordAndBlock entry;
    final List<Approve> asked = new ArrayList<>();
    final List<Peer> replicas;
    final int needed;
    final Map<NodeId, Confirmation> confirmations = new LinkedHashMap<>();
    final List<Long> requestIds = new ArrayList<>();
    int refusals;
    Cancellable timer;
    boolean done;

    Pending(Approval approval, RecordAndBlock entry, List<Peer> replicas) {
      this.approval = approval;
      this.entry = entry;
      this.replicas = replicas;
      this.needed = ApprovalRules.confirmationsNeeded(replicas.size() + 1);
    }
  }

  private final LedgerService node;
  private final Map<TxId, Pending> pending = new HashMap<>();

  Approvals(LedgerService node) {
    this.node = node;
  }

  // ---- the recorder

  void onApprove(RingId key, Approve m) {
    Approval a = m.approval();
    if (!key.equals(a.dataKey())) {
      refuse(m, FailureReason.INVALID_INPUT, "the message key is not the approval's data key");
      return;
    }
    Optional<Record> own = node.ledger.store().record(a.txId());
    if (own.isEmpty()) {
      notRecordedHere(key, m);
      return;
    }
    Optional<ApprovalReceipt> receipt = node.ledger.store().approval(a.txId());
    if (receipt.isPresent() && Arrays.equals(receipt.get().approval().toBytes(), a.toBytes())) {
      // the very approval that was verified, again (a retry): its receipt, not a second coin
      node.answer(m.origin(), key, new Approved(m.requestId(), receipt.get()));
      return;
    }
    if (receipt.isPresent()) {
      refuse(
          m,
          FailureReason.ALREADY_APPROVED,
          "record " + a.txId() + " was verified already, at " + receipt.get().verifiedAt());
      return;
    }
    Pending p = pending.get(a.txId());
    if (p != null) {
      if (Arrays.equals(p.approval.toBytes(), a.toBytes())) {
        p.asked.add(m); // the same approval again (a retry): answered with the first
      } else {
        refuse(m, FailureReason.BUSY, "another approval of this record is being confirmed");
      }
      return;
    }
    Record record = own.get();
    Optional<Refusal> bad =
        node.rules.checkNew(a, node.now()).or(() -> ApprovalRules.checkAgainst(a, record));
    if (bad.isPresent()) {
      refuse(m, reasonOf(bad.get()), bad.get().message());
      return;
    }
    RecordAndBlock entry = node.reads.own(record);
    Optional<String> problem = entry.problem();
    if (problem.isPresent()) {
      refuse(m, FailureReason.TAMPERED, "the record held does not verify: " + problem.get());
      return;
    }
    p = new Pending(a, entry, node.replicaTargets());
    p.asked.add(m);
    pending.put(a.txId(), p);
    askReplicas(p);
  }

  /**
   * The record is not in this node's branch: a copy whose recorder is a neighbour goes on to it (a
   * node that joined since took the key); otherwise a clear refusal.
   */
  private void notRecordedHere(RingId key, Approve m) {
    TxId tx = m.approval().txId();
    Optional<RecordAndBlock> copy = node.replicas.get(tx);
    if (copy.isPresent()) {
      NodeId recorder = copy.get().record().recorder();
      Optional<Peer> peer =
          node.chord().successorList().stream().filter(p -> p.id().equals(recorder)).findFirst();
      if (peer.isPresent()) {
        node.stats.approvalsPassedOn++;
        node.sendDirect(peer.get(), key, m);
        return;
      }
      refuse(
          m,
          FailureReason.NOT_RECORDER,
          "this node holds a copy of record " + tx + "; its recorder " + recorder + " approves it");
    } else if (!node.owns(key)) {
      refuse(m, FailureReason.NOT_OWNER, "this node does not own the key (the ring is changing)");
    } else {
      refuse(m, FailureReason.UNKNOWN_RECORD, "no record " + tx + " at the owner of its data key");
    }
  }

  private void askReplicas(Pending p) {
    if (p.needed == 0) {
      verified(p);
      return;
    }
    for (Peer replica : p.replicas) {
      long id = node.newId();
      p.requestIds.add(id);
      node.client.register(id, (answer, from) -> onReplicaAnswer(p, replica, answer, from));
      node.sendDirect(
          replica,
          replica.id(),
          new Confirm(id, node.self(), p.approval, p.entry.record(), p.entry.block()));
    }
    p.timer =
        node.scheduler.schedule(
            node.config.replicaAckTimeoutMillis(),
            () ->
                giveUp(
                    p,
                    FailureReason.NOT_CONFIRMED,
                    p.confirmations.size()
                        + " of the "
                        + p.needed
                        + " replica confirmations needed came in time"));
  }

  private void onReplicaAnswer(Pending p, Peer replica, LedgerMessage answer, Peer from) {
    if (p.done || !from.id().equals(replica.id())) {
      return;
    }
    if (answer instanceof Confirmed c) {
      Confirmation conf = c.confirmation();
      if (!conf.replicaId().equals(replica.id()) || !conf.validFor(p.approval)) {
        node.stats.badAnswers++;
        return;
      }
      p.confirmations.put(replica.id(), conf);
      if (p.confirmations.size() >= p.needed) {
        verified(p);
      }
    } else if (answer instanceof Failure f) {
      p.refusals++;
      if (p.replicas.size() - p.refusals < p.needed) {
        FailureReason reason = f.reason().retryable() ? FailureReason.NOT_CONFIRMED : f.reason();
        giveUp(p, reason, "the replica set refused: " + f.message());
      }
    }
  }

  private void verified(Pending p) {
    settle(p);
    ApprovalReceipt receipt =
        ApprovalReceipt.sign(
            p.approval,
            p.replicas.size() + 1,
            List.copyOf(p.confirmations.values()),
            node.now(),
            node.keys);
    node.ledger
        .store()
        .putApproval(receipt)
        .whenComplete((v, error) -> node.later(() -> stored(p, receipt, error)));
  }

  private void stored(Pending p, ApprovalReceipt receipt, Throwable error) {
    pending.remove(p.approval.txId());
    if (error != null) {
      LOG.warn("an approval receipt did not become durable: {}", error.toString());
      p.asked.forEach(m -> refuse(m, FailureReason.INTERNAL, "the receipt was not stored"));
      return;
    }
    node.stats.coinsEarned++;
    for (Approve m : p.asked) {
      node.answer(m.origin(), p.approval.dataKey(), new Approved(m.requestId(), receipt));
    }
    node.replication.copyReceipt(receipt);
    node.callbacks.verified(receipt);
  }

  private void giveUp(Pending p, FailureReason reason, String message) {
    if (p.done) {
      return;
    }
    settle(p);
    pending.remove(p.approval.txId());
    p.asked.forEach(m -> refuse(m, reason, message));
  }

  private void settle(Pending p) {
    p.done = true;
    if (p.timer != null) {
      p.timer.cancel();
    }
    p.requestIds.forEach(node.client::unregister);
  }

  private void refuse(Approve m, FailureReason reason, String message) {
    node.stats.approvalsRefused++;
    node.answer(
        m.origin(),
        m.approval().dataKey(),
        new Failure(m.requestId(), reason, Recorder.clip(message)));
  }

  // ---- a replica

  void onConfirm(Confirm m) {
    Approval a = m.approval();
    Record rec = m.record();
    if (!rec.txId().equals(a.txId()) || !rec.recorder().equals(m.origin().id())) {
      answer(m, FailureReason.INVALID_INPUT, "only a record's recorder asks to confirm it");
      return;
    }
    RecordAndBlock entry = new RecordAndBlock(rec, m.block());
    Optional<String> problem = entry.problem();
    if (problem.isPresent()) {
      answer(m, FailureReason.TAMPERED, "the record does not verify: " + problem.get());
      return;
    }
    Optional<RecordAndBlock> copy = node.replicas.get(a.txId());
    if (copy.isPresent() && !Arrays.equals(copy.get().record().toBytes(), rec.toBytes())) {
      answer(m, FailureReason.TAMPERED, "the recorder's record differs from this replica's copy");
      return;
    }
    if (node.replicas.approval(a.txId()).isPresent()) {
      answer(m, FailureReason.ALREADY_APPROVED, "this replica holds a receipt of the record");
      return;
    }
    Optional<Refusal> bad =
        node.rules.checkNew(a, node.now()).or(() -> ApprovalRules.checkAgainst(a, rec));
    if (bad.isPresent()) {
      answer(m, reasonOf(bad.get()), bad.get().message());
      return;
    }
    Confirmed yes = new Confirmed(m.requestId(), Confirmation.sign(a, node.keys));
    if (copy.isPresent()) {
      node.stats.confirmationsGiven++;
      node.answer(m.origin(), node.self().id(), yes);
      return;
    }
    // the copy has not arrived yet: the record checked out, so keep it now, then confirm
    node.replicas
        .put(List.of(entry))
        .whenComplete(
            (v, error) ->
                node.later(
                    () -> {
                      if (error == null) {
                        node.stats.confirmationsGiven++;
                        node.answer(m.origin(), node.self().id(), yes);
                      } else {
                        answer(m, FailureReason.INTERNAL, "could not store the copy");
                      }
                    }));
  }

  private void answer(Confirm m, FailureReason reason, String message) {
    node.stats.confirmationsRefused++;
    node.answer(
        m.origin(), node.self().id(), new Failure(m.requestId(), reason, Recorder.clip(message)));
  }

  /**
   * Receipts copied here (by a recorder, or with records handed off): kept if each holds against
   * this node's copy of its record (the recorder's signature, the approval, the confirmations),
   * acknowledged once durable. One this node holds already counts as stored.
   */
  void onReceipts(Receipts m, Peer from) {
    List<ApprovalReceipt> good = new ArrayList<>();
    int held = 0;
    int refused = 0;
    for (ApprovalReceipt r : m.receipts()) {
      Optional<RecordAndBlock> copy = node.replicas.get(r.txId());
      if (copy.isEmpty()
          || node.rules
              .checkReceipt(r, copy.get().record(), copy.get().block().minerKey())
              .isPresent()) {
        refused++;
      } else if (node.replicas.approval(r.txId()).isPresent()) {
        held++;
      } else {
        good.add(r);
      }
    }
    node.stats.copiesRefused += refused;
    int stored = held + good.size();
    int refusedCount = refused;
    if (good.isEmpty()) {
      node.sendDirect(from, node.self().id(), new ReplicaAck(m.batchId(), stored, refusedCount));
      return;
    }
    node.replicas
        .putApprovals(good)
        .whenComplete(
            (v, error) ->
                node.later(
                    () -> {
                      if (error != null) {
                        LOG.warn("could not store {} receipts: {}", good.size(), error.toString());
                        return; // no acknowledgement: the sender tries again
                      }
                      node.stats.receiptCopiesStored += good.size();
                      node.sendDirect(
                          from,
                          node.self().id(),
                          new ReplicaAck(m.batchId(), stored, refusedCount));
                    }));
  }

  static FailureReason reasonOf(Refusal r) {
    return switch (r.kind()) {
      case UNKNOWN_RECORD -> FailureReason.UNKNOWN_RECORD;
      case TAMPERED -> FailureReason.TAMPERED;
      case BAD_SIGNATURE -> FailureReason.BAD_SIGNATURE;
      case UNAUTHORIZED -> FailureReason.UNAUTHORIZED;
      case ALREADY_APPROVED -> FailureReason.ALREADY_APPROVED;
      case BAD_TIME, BAD_RECEIPT -> FailureReason.INVALID_INPUT;
    };
  }

  void clear() {
    for (Pending p : pending.values()) {
      if (p.timer != null) {
        p.timer.cancel();
      }
    }
    pending.clear();
  }
}
