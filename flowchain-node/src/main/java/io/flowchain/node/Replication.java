package io.flowchain.node;

import io.flowchain.core.port.Cancellable;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.ReplicaAck;
import io.flowchain.node.message.Replicate;
import io.flowchain.node.message.Transfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies leaving this node: fresh records to the replica set ({@link Replicate}, batched per turn
 * of the node's thread) and hand-off batches when the ring changes ({@link Transfer}). Every batch
 * waits for a {@link ReplicaAck} and is sent again if none comes. The recorder's waiters learn when
 * enough replicas confirmed a record for the acknowledgement policy. Not thread-safe.
 */
final class Replication {
  private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

  /** Someone waiting for replicas to confirm one record. */
  private final class Waiter {
    final IntConsumer onCopies;
    final Runnable onTimeout;
    final Set<Peer> confirmed = new HashSet<>();
    int needed;
    Cancellable timer;
    boolean done;

    Waiter(IntConsumer onCopies, Runnable onTimeout) {
      this.onCopies = onCopies;
      this.onTimeout = onTimeout;
    }

    void confirm(Peer replica) {
      if (!done && confirmed.add(replica) && confirmed.size() >= needed) {
        finish();
      }
    }

    void finish() {
      done = true;
      if (timer != null) {
        timer.cancel();
      }
      onCopies.accept(1 + confirmed.size());
    }

    void expire() {
      if (!done) {
        done = true;
        onTimeout.run();
      }
    }
  }

  private record Queued(RecordAndBlock entry, Waiter waiter) {}

  /** A batch sent to one peer, awaiting its acknowledgement. */
  private final class Batch {
    final Peer target;
    final Transfer.Reason reason; // null for fresh records (Replicate)
    final List<RecordAndBlock> entries;
    final List<Waiter> waiters;
    long id;
    int sends;
    Cancellable timer;

    Batch(Peer target, Transfer.Reason reason, List<RecordAndBlock> entries, List<Waiter> waiters) {
      this.target = target;
      this.reason = reason;
      this.entries = entries;
      this.waiters = waiters;
    }
  }

  private final LedgerService node;
  private final List<Queued> queue = new ArrayList<>();
  private final Map<Long, Batch> outstanding = new HashMap<>();
  private boolean flushScheduled;

  Replication(LedgerService node) {
    this.node = node;
  }

  /**
   * Queues {@code entry}, just recorded (or found recorded) here, for the replica set. {@code
   * onCopies} gets the number of durable copies known once the acknowledgement policy is met;
   * {@code onTimeout} runs instead if the replicas do not confirm in time.
   */
  void replicate(RecordAndBlock entry, IntConsumer onCopies, Runnable onTimeout) {
    queue.add(new Queued(entry, new Waiter(onCopies, onTimeout)));
    if (!flushScheduled) {
      flushScheduled = true;
      node.later(this::flush);
    }
  }

  private void flush() {
    flushScheduled = false;
    if (queue.isEmpty() || node.closed()) {
      queue.clear();
      return;
    }
    List<Peer> targets = node.replicaTargets();
    int needed =
        Math.min(node.config.ackPolicy().replicaAcksNeeded(node.config.replicas()), targets.size());
    List<Queued> all = new ArrayList<>(queue);
    queue.clear();
    for (List<Queued> chunk : chunks(all)) {
      List<RecordAndBlock> entries = new ArrayList<>(chunk.size());
      List<Waiter> waiters = new ArrayList<>(chunk.size());
      for (Queued q : chunk) {
        entries.add(q.entry);
        waiters.add(q.waiter);
      }
      for (Peer target : targets) {
        send(new Batch(target, null, entries, waiters));
      }
    }
    // the copies are with the transport: now the waiters may be answered
    for (Queued q : all) {
      Waiter w = q.waiter;
      w.needed = needed;
      if (needed == 0) {
        w.finish();
      } else {
        w.timer = node.scheduler.schedule(node.config.replicaAckTimeoutMillis(), w::expire);
      }
    }
  }

  /** Sends copies of {@code entries} to {@code target} because the ring changed. */
  void transfer(Peer target, Transfer.Reason reason, List<RecordAndBlock> entries) {
    if (entries.isEmpty() || target.equals(node.self())) {
      return;
    }
    for (List<RecordAndBlock> chunk : chunksOf(entries)) {
      node.stats.transfersSent++;
      send(new Batch(target, reason, chunk, List.of()));
    }
  }

  private void send(Batch b) {
    b.id = node.newId();
    b.sends++;
    LedgerMessage m =
        b.reason == null ? Replicate.of(b.id, b.entries) : Transfer.of(b.id, b.reason, b.entries);
    node.sendDirect(b.target, node.self().id(), m);
    node.stats.batchesSent++;
    outstanding.put(b.id, b);
    b.timer = node.scheduler.schedule(node.config.replicaAckTimeoutMillis(), () -> timedOut(b));
  }

  private void timedOut(Batch b) {
    if (outstanding.remove(b.id) == null || node.closed()) {
      return;
    }
    boolean stillWanted = b.reason != null || node.replicaTargets().contains(b.target);
    if (stillWanted && b.sends <= node.config.replicationResends()) {
      node.stats.batchesResent++;
      send(b);
    } else {
      node.stats.batchesAbandoned++;
      LOG.debug("giving up a batch of {} copies for {}", b.entries.size(), b.target);
    }
  }

  void onAck(ReplicaAck ack, Peer from) {
    Batch b = outstanding.get(ack.batchId());
    if (b == null || !b.target.equals(from)) {
      return; // late, repeated, or not from the peer it went to
    }
    outstanding.remove(ack.batchId());
    b.timer.cancel();
    if (ack.refused() > 0) {
      LOG.warn("{} refused {} of {} copies", from, ack.refused(), b.entries.size());
      return;
    }
    for (Waiter w : b.waiters) {
      w.confirm(b.target);
    }
  }

  /** Drops everything (the node is closing). */
  void clear() {
    for (Batch b : outstanding.values()) {
      b.timer.cancel();
    }
    outstanding.clear();
    queue.clear();
  }

  private List<List<Queued>> chunks(List<Queued> all) {
    List<List<Queued>> out = new ArrayList<>();
    List<Queued> cur = new ArrayList<>();
    long bytes = 0;
    for (Queued q : all) {
      long size = size(q.entry);
      if (!cur.isEmpty()
          && (cur.size() == node.config.maxBatchRecords()
              || bytes + size > node.config.maxBatchBytes())) {
        out.add(cur);
        cur = new ArrayList<>();
        bytes = 0;
      }
      cur.add(q);
      bytes += size;
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  private List<List<RecordAndBlock>> chunksOf(List<RecordAndBlock> all) {
    List<List<RecordAndBlock>> out = new ArrayList<>();
    List<RecordAndBlock> cur = new ArrayList<>();
    long bytes = 0;
    for (RecordAndBlock e : all) {
      long size = size(e);
      if (!cur.isEmpty()
          && (cur.size() == node.config.maxBatchRecords()
              || bytes + size > node.config.maxBatchBytes())) {
        out.add(cur);
        cur = new ArrayList<>();
        bytes = 0;
      }
      cur.add(e);
      bytes += size;
    }
    if (!cur.isEmpty()) {
      out.add(cur);
    }
    return out;
  }

  /** About the encoded size of a copy: the record, and its header in the worst case. */
  private static long size(RecordAndBlock e) {
    return e.record().submission().payload().length() + 256L + 254;
  }
}
