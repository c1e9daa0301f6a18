package io.flowchain.node;

import io.flowchain.core.ledger.NoValidBlockException;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.Submit;
import io.flowchain.store.rocksdb.StoreBackPressureException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The recorder's side of the data path (this node is N' = successor(key)): check the submission,
 * record it in the valid block (waiting briefly for one), and once it is durable, replicate it and
 * answer every node that asked with a {@link Receipt}. Not thread-safe.
 */
final class Recorder {
  /** How often a recorder without a valid block tries again, within its bounded wait. */
  static final long NO_VALID_BLOCK_RETRY_MILLIS = 50;

  private final LedgerService node;

  /** Submissions being recorded, by data key; later copies of one wait for the first. */
  private final Map<Key, List<Submit>> recording = new HashMap<>();

  Recorder(LedgerService node) {
    this.node = node;
  }

  void onSubmit(RingId routedKey, Submit m) {
    Submission s = m.submission();
    Key key = s.dataKey();
    if (!routedKey.equals(key)) {
      fail(m, FailureReason.INVALID_INPUT, "the message key is not the submission's data key");
      return;
    }
    List<Submit> waiting = recording.get(key);
    if (waiting != null) {
      waiting.add(m); // the same submission again (a retry): answered with the first
      return;
    }
    // a submission recorded already (here, or by a former owner of the key whose copy this node
    // holds) is answered with that record, whoever owns the key now: a data key is recorded once.
    // (Twice if a recorder crashed before anything of its record left it: then, as reads do, with
    // the latest recording.)
    Optional<RecordAndBlock> recorded = node.reads.byKey(key);
    if (recorded.isPresent()) {
      if (!recorded.get().record().recorder().equals(node.ledger.keys().nodeId())) {
        node.stats.receiptsFromCopies++;
      }
      answer(List.of(m), recorded.get()); // replicated again: this node's successors may lack it
      return;
    }
    if (!node.owns(key)) {
      node.stats.refusedNotOwner++;
      fail(m, FailureReason.NOT_OWNER, "this node does not own the key (the ring is changing)");
      return;
    }
    if (recording.size() >= node.config.maxRecordsInFlight()) {
      node.stats.refusedBusy++;
      fail(m, FailureReason.BUSY, "the recorder has " + recording.size() + " records in flight");
      return;
    }
    List<Submit> list = new ArrayList<>(1);
    list.add(m);
    recording.put(key, list);
    tryRecord(key, s, node.now() + node.config.noValidBlockWaitMillis());
  }

  private void tryRecord(Key key, Submission s, long deadline) {
    if (node.closed()) {
      return;
    }
    CompletableFuture<Record> durable;
    try {
      durable = node.ledger.record(s);
    } catch (NoValidBlockException e) {
      if (node.now() < deadline) {
        node.scheduler.schedule(NO_VALID_BLOCK_RETRY_MILLIS, () -> tryRecord(key, s, deadline));
      } else {
        node.stats.noValidBlock++;
        failAll(key, FailureReason.NO_VALID_BLOCK, e.getMessage());
      }
      return;
    } catch (StoreBackPressureException e) {
      node.stats.refusedBusy++;
      failAll(key, FailureReason.BUSY, "the store is full: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      failAll(key, FailureReason.INTERNAL, "cannot record: " + e.getMessage());
      return;
    }
    durable.whenComplete((r, error) -> node.later(() -> recorded(key, r, error)));
  }

  private void recorded(Key key, Record record, Throwable error) {
    if (error != null) {
      failAll(key, FailureReason.INTERNAL, "the record did not become durable: " + error);
      return;
    }
    List<Submit> asked = recording.remove(key);
    if (asked == null) {
      return;
    }
    node.stats.recorded++;
    // signed here: a receipt for it checked by this node need not verify it again
    node.verified.trustOwn(record, node.ledger.keys().publicKey());
    node.callbacks.recorded(record);
    RecordAndBlock entry = node.reads.own(record);
    node.forward(entry);
    answer(asked, entry);
  }

  /** Replicates {@code entry} and answers {@code asked} as the acknowledgement policy says. */
  private void answer(List<Submit> asked, RecordAndBlock entry) {
    Key key = entry.record().dataKey();
    node.replication.replicate(
        entry,
        copies -> {
          for (Submit m : asked) {
            node.answer(
                m.origin(), key, Receipt.of(m.requestId(), entry.record(), entry.block(), copies));
          }
        },
        () -> {
          for (Submit m : asked) {
            fail(
                m,
                FailureReason.REPLICATION_TIMEOUT,
                "recorded, but the replicas did not confirm in time");
          }
        });
  }

  private void failAll(Key key, FailureReason reason, String message) {
    List<Submit> asked = recording.remove(key);
    if (asked != null) {
      asked.forEach(m -> fail(m, reason, message));
    }
  }

  private void fail(Submit m, FailureReason reason, String message) {
    node.answer(
        m.origin(), m.submission().dataKey(), new Failure(m.requestId(), reason, clip(message)));
  }

  static String clip(String s) {
    String t = s == null ? "" : s;
    return t.length() > 300 ? t.substring(0, 300) : t;
  }

  void clear() {
    recording.clear();
  }
}
