package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.Found;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.NotFound;
import io.flowchain.node.message.RecordAndBlock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A ring walk's search for the record with one txID, for a node and for a remote client alike: it
 * stops at the first copy that checks out, and says "not found" only when every member the walk
 * learnt of answered ({@link NotFoundDoubt}).
 */
final class TxIdSearch implements RingWalk.Visitor {
  /** How the search ends. Exactly one method is called, once. */
  interface Outcome {
    /** A copy of the record, checked; or empty if every member said it holds none. */
    void result(Optional<Record> record);

    /** Some members did not answer or were not asked: the record may be on one of them. */
    void doubtful(String why);
  }

  private final TxId txId;
  private final Predicate<RecordAndBlock> checksOut;
  private final Runnable onBadAnswer;
  private final Outcome outcome;
  private boolean found;

  /**
   * @param checksOut whether a copy's record and header verify
   * @param onBadAnswer runs for a copy that does not check out or is not the one asked for
   */
  TxIdSearch(
      TxId txId, Predicate<RecordAndBlock> checksOut, Runnable onBadAnswer, Outcome outcome) {
    this.txId = txId;
    this.checksOut = checksOut;
    this.onBadAnswer = onBadAnswer;
    this.outcome = outcome;
  }

  @Override
  public boolean onAnswer(Peer peer, LedgerMessage answer) {
    if (answer instanceof Found f) {
      if (f.record().txId().equals(txId) && checksOut.test(f.entry())) {
        found = true;
        outcome.result(Optional.of(f.record()));
        return true;
      }
      onBadAnswer.run();
    }
    return false;
  }

  @Override
  public List<Peer> successorsIn(LedgerMessage answer) {
    return answer instanceof NotFound nf ? nf.successors() : List.of();
  }

  @Override
  public void onDone(int answered, int unreachable, int unasked) {
    if (found) {
      return;
    }
    Optional<String> doubt = NotFoundDoubt.of(txId, answered, unreachable, unasked);
    if (doubt.isPresent()) {
      outcome.doubtful(doubt.get());
    } else {
      outcome.result(Optional.empty());
    }
  }
}
