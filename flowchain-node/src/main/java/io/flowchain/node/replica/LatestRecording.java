package io.flowchain.node.replica;

import io.flowchain.core.ledger.Record;
import java.util.Comparator;

/**
 * Which record of a data key a node gives when it holds more than one: the latest recording
 * (largest {@code recordedAt}, then largest txID), so that every node gives the same one.
 *
 * <p>A submission is recorded twice only when its recorder crashed after the record was durable and
 * before its receipt left the node: the submitter, without an answer, submitted again, and the
 * key's new owner, which had no copy, recorded it. The first recording was never acknowledged (had
 * its receipt arrived, there would have been no second), so the later one is the one the submitter
 * holds a receipt for. The first comes back with its recorder's branch when that node restarts.
 */
public final class LatestRecording {
  /** Orders the records of one data key from the earliest recording to the latest. */
  public static final Comparator<Record> ORDER =
      Comparator.comparingLong(Record::recordedAt).thenComparing(Record::txId);

  private LatestRecording() {}

  /** Whether {@code a} is a later recording than {@code b}. */
  public static boolean isLater(Record a, Record b) {
    return ORDER.compare(a, b) > 0;
  }
}
