package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.QueryPage;
import io.flowchain.node.message.RecordAndBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A ring walk gathering one page of an object's time series, for a node and for a remote client
 * alike: every member's page is asked for, and the records that belong to the page and check out
 * are merged ({@link QueryMerge}).
 */
final class SeriesWalk implements RingWalk.Visitor {
  /** What the walk ends with. */
  interface Outcome {
    /**
     * @param merge the pages gathered
     * @param answered members that answered
     * @param unanswered members that did not answer in time or were not asked
     */
    void done(QueryMerge merge, int answered, int unanswered);
  }

  private final String objectId;
  private final long fromMillis;
  private final long toMillis;
  private final Cursor after;
  private final QueryMerge merge;
  private final Predicate<RecordAndBlock> checksOut;
  private final Runnable onBadAnswer;
  private final Outcome outcome;

  /**
   * @param merge where the pages go (it may already hold the asker's own page)
   * @param checksOut whether a copy's record and header verify
   * @param onBadAnswer runs for a record that does not check out or is outside the page asked for
   */
  SeriesWalk(
      String objectId,
      long fromMillis,
      long toMillis,
      Cursor after,
      QueryMerge merge,
      Predicate<RecordAndBlock> checksOut,
      Runnable onBadAnswer,
      Outcome outcome) {
    this.objectId = objectId;
    this.fromMillis = fromMillis;
    this.toMillis = toMillis;
    this.after = after;
    this.merge = merge;
    this.checksOut = checksOut;
    this.onBadAnswer = onBadAnswer;
    this.outcome = outcome;
  }

  @Override
  public boolean onAnswer(Peer peer, LedgerMessage answer) {
    if (answer instanceof QueryPage page) {
      List<RecordAndBlock> good = new ArrayList<>();
      for (RecordAndBlock e : page.entries()) {
        if (inPage(e.record()) && checksOut.test(e)) {
          good.add(e);
        } else {
          onBadAnswer.run();
        }
      }
      merge.add(good, page.more());
    }
    return false;
  }

  @Override
  public List<Peer> successorsIn(LedgerMessage answer) {
    return answer instanceof QueryPage p ? p.successors() : List.of();
  }

  @Override
  public void onDone(int answered, int unreachable, int unasked) {
    outcome.done(merge, answered, unreachable + unasked);
  }

  /**
   * Whether {@code r} belongs to the page asked for: the object, the time range, after the cursor.
   */
  private boolean inPage(Record r) {
    if (!r.objectId().equals(objectId) || r.timestamp() < fromMillis || r.timestamp() >= toMillis) {
      return false;
    }
    return after == null
        || r.timestamp() > after.timestamp()
        || (r.timestamp() == after.timestamp() && r.txId().compareTo(after.txId()) > 0);
  }
}
