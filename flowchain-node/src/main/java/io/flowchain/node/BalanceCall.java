package io.flowchain.node;

import io.flowchain.dht.Peer;
import io.flowchain.node.message.Balance;
import io.flowchain.node.message.BalanceIs;
import io.flowchain.node.message.LedgerMessage;
import java.util.concurrent.CompletableFuture;

/** Asks one member for its Flowcoin balance, directly; tried again when unanswered. */
final class BalanceCall extends ClientRequests.Call<Long> {
  private final LedgerService node;
  private final Peer member;

  BalanceCall(
      ClientRequests requests, LedgerService node, Peer member, CompletableFuture<Long> future) {
    requests.super(future);
    this.node = node;
    this.member = member;
  }

  @Override
  void begin() {
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
                io.flowchain.node.message.FailureReason.TIMEOUT,
                "no balance from " + member + " after " + attempts + " attempts");
          }
        });
    node.sendDirect(member, member.id(), new Balance(id, node.self()));
  }

  @Override
  void answer(LedgerMessage m, Peer from) {
    if (m instanceof BalanceIs b && b.node().equals(member.id()) && from.id().equals(member.id())) {
      complete(b.coins());
    } else {
      node.stats.badAnswers++;
    }
  }
}
