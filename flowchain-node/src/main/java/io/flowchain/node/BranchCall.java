package io.flowchain.node;

import io.flowchain.dht.Peer;
import io.flowchain.node.collect.BranchPages;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.BranchRequest;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.LedgerMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Asks one member for a page of its branch, directly; tried again when unanswered. This node's own
 * branch is read from its store without a message.
 */
final class BranchCall extends ClientRequests.Call<BranchPage> {
  private final LedgerService node;
  private final Peer member;
  private final long fromBlock;
  private final long fromRecord;

  BranchCall(
      ClientRequests requests,
      LedgerService node,
      Peer member,
      long fromBlock,
      long fromRecord,
      CompletableFuture<BranchPage> future) {
    requests.super(future);
    this.node = node;
    this.member = member;
    this.fromBlock = fromBlock;
    this.fromRecord = fromRecord;
  }

  private BranchRequest request() {
    long size = Math.min(node.config.maxBatchBytes(), NodeConfig.FRAME_SAFE_BATCH_BYTES);
    return new BranchRequest(id, node.self(), fromBlock, fromRecord, size);
  }

  @Override
  void begin() {
    if (member.id().equals(node.self().id())) {
      complete(
          BranchPages.answer(
              node.ledger.store(),
              request(),
              node.config.maxBatchBytes(),
              node.chord().successorList()));
      return;
    }
    attempt();
  }

  private void attempt() {
    if (done) {
      return;
    }
    attempts++;
    arm(
        () -> {
          if (attempts < node.config.maxAttempts()) {
            attempt();
          } else {
            fail(
                FailureReason.TIMEOUT,
                member + " did not answer for its branch in " + attempts + " attempts");
          }
        });
    node.sendDirect(member, member.id(), request());
  }

  @Override
  void answer(LedgerMessage m, Peer from) {
    if (!from.id().equals(member.id())) {
      node.stats.badAnswers++;
    } else if (m instanceof BranchPage page) {
      complete(page);
    } else if (m instanceof Failure f) {
      fail(f.reason(), f.message());
    } else {
      node.stats.badAnswers++;
    }
  }
}
