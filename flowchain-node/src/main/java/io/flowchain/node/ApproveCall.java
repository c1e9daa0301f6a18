package io.flowchain.node;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.Record;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.Approve;
import io.flowchain.node.message.Approved;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.LedgerMessage;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An endpoint's approval sent from this node: routed to the successor of the record's data key,
 * tried again as a submission is (unanswered attempts, NOT_OWNER, BUSY, NOT_CONFIRMED), and
 * completed with the recorder's receipt once it checks out against the approval and the record. Not
 * thread-safe (the node's thread).
 */
final class ApproveCall extends ClientRequests.Call<ApprovalReceipt> {
  private final LedgerService node;
  private final Approval approval;
  private final Record record;

  ApproveCall(
      ClientRequests requests,
      LedgerService node,
      Approval approval,
      Record record,
      CompletableFuture<ApprovalReceipt> future) {
    requests.super(future);
    this.node = node;
    this.approval = approval;
    this.record = record;
  }

  @Override
  void begin() {
    whenMember(this::attempt);
  }

  private void attempt() {
    if (done) {
      return;
    }
    attempts++;
    arm(
        () -> {
          timeouts++;
          lastReason = FailureReason.TIMEOUT;
          lastMessage = "no answer within " + node.config.requestTimeoutMillis() + " ms";
          if (timeouts < node.config.maxAttempts()) {
            retryAfter(0, this::attempt);
          } else {
            fail(lastReason, lastMessage);
          }
        });
    node.stats.approvalsSent++;
    node.route(approval.dataKey(), new Approve(id, node.self(), approval));
  }

  @Override
  void answer(LedgerMessage m, Peer from) {
    if (done) {
      return;
    }
    if (m instanceof Approved a) {
      Optional<String> problem = problem(a.receipt());
      if (problem.isPresent()) {
        node.stats.badAnswers++;
        fail(FailureReason.BAD_ANSWER, "the approval receipt does not verify: " + problem.get());
        return;
      }
      node.stats.approvalsVerified++;
      complete(a.receipt());
    } else if (m instanceof Failure f) {
      lastReason = f.reason();
      lastMessage = f.message();
      if (f.reason().retryable()) {
        retryAfter(node.config.retryBackoffMillis() * Math.min(attempts, 8), this::attempt);
      } else {
        fail(f.reason(), f.message());
      }
    } else {
      node.stats.badAnswers++;
    }
  }

  private Optional<String> problem(ApprovalReceipt r) {
    if (!Arrays.equals(r.approval().toBytes(), approval.toBytes())) {
      return Optional.of("it is not the receipt of this approval");
    }
    if (!r.recorder().nodeId().equals(record.recorder())) {
      return Optional.of("it is not signed by the record's recorder");
    }
    return node.rules.checkReceipt(r, record, r.recorder()).map(Object::toString);
  }
}
