package io.flowchain.node;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.port.Cancellable;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Receipts;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.ReplicaAck;
import io.flowchain.node.message.Replicate;
import io.flowchain.node.message.Transfer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies leaving this node: fresh records to the replica set ({@link Replicate}, batched per turn
 * of the node's thread), hand-off batches when the ring changes ({@link Transfer}), and approval
 * receipts ({@link Receipts}: a new one to the replica set; those of handed-off records once the
 * records' batch is acknowledged). Every batch waits for a {@link ReplicaAck} and is sent again if
 * none comes. The recorder's waiters learn when enough replicas confirmed a record for the
 * acknowledgement policy. Not thread-safe.
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

  /**
   * A range's holdings on their way to one peer, read and sent a page at a time while fewer than
   * {@link #HAND_OFF_WINDOW} of its batches await acknowledgement: the sender's thread reads one
   * page per task, and the receiver, which checks every copy on its node thread, never has more
   * than a window's worth queued, so the ring's upkeep on both keeps running between batches.
   */
  private final class HandOff {
    final Peer target;
    final Transfer.Reason reason;
    final KeyRange range;
    final RangeScan scan;
    int inFlight;
    boolean pumpScheduled;

    HandOff(Peer target, Transfer.Reason reason, KeyRange range) {
      this.target = target;
      this.reason = reason;
      this.range = range;
      this.scan = node.reads.scan(range);
    }
  }

  /** Batches of one hand-off sent and not yet acknowledged, at most. */
  static final int HAND_OFF_WINDOW = 2;

  /** A batch sent to one peer, awaiting its acknowledgement. */
  private final class Batch {
    final Peer target;
    final Transfer.Reason reason; // null for fresh records (Replicate) and for receipts
    final List<RecordAndBlock> entries;
    final List<ApprovalReceipt> receipts; // null for a batch of records
    final List<Waiter> waiters;
    HandOff handOff; // the paced hand-off it belongs to, if any
    long id;
    int sends;
    Cancellable timer;

    Batch(Peer target, Transfer.Reason reason, List<RecordAndBlock> entries, List<Waiter> waiters) {
      this(target, reason, entries, null, waiters);
    }

    Batch(
        Peer target,
        Transfer.Reason reason,
        List<RecordAndBlock> entries,
        List<ApprovalReceipt> receipts,
        List<Waiter> waiters) {
      this.target = target;
      this.reason = reason;
      this.entries = entries;
      this.receipts = receipts;
      this.waiters = waiters;
    }

    LedgerMessage message() {
      if (receipts != null) {
        return new Receipts(id, receipts);
      }
      return reason == null ? Replicate.of(id, entries) : Transfer.of(id, reason, entries);
    }

    int size() {
      return receipts != null ? receipts.size() : entries.size();
    }
  }

  private final LedgerService node;
  private final List<Queued> queue = new ArrayList<>();
  private final Map<Long, Batch> outstanding = new HashMap<>();
  private final List<HandOff> handOffs = new ArrayList<>();
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
    for (List<Queued> chunk : chunks(all, q -> size(q.entry))) {
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
    for (List<RecordAndBlock> chunk : chunks(entries, Replication::size)) {
      node.stats.transfersSent++;
      send(new Batch(target, reason, chunk, List.of()));
    }
  }

  /**
   * Sends everything this node holds in {@code range} to {@code target} because the ring changed,
   * paced ({@link HandOff}); nothing if the same hand-off is still being read.
   */
  void handOff(Peer target, Transfer.Reason reason, KeyRange range) {
    if (target.equals(node.self())) {
      return;
    }
    for (HandOff h : handOffs) {
      if (h.target.equals(target) && h.reason == reason && h.range.equals(range)) {
        return;
      }
    }
    HandOff h = new HandOff(target, reason, range);
    handOffs.add(h);
    schedulePump(h);
  }

  private void schedulePump(HandOff h) {
    if (!h.pumpScheduled && h.inFlight < HAND_OFF_WINDOW && handOffs.contains(h)) {
      h.pumpScheduled = true;
      node.later(() -> pump(h));
    }
  }

  /** Reads and sends the next page of {@code h}, then comes back for more if the window allows. */
  private void pump(HandOff h) {
    h.pumpScheduled = false;
    if (node.closed() || h.inFlight >= HAND_OFF_WINDOW || !handOffs.contains(h)) {
      return;
    }
    List<RecordAndBlock> page = h.scan.next(node.config.maxBatchRecords());
    if (page.isEmpty()) {
      handOffs.remove(h); // all read; the batches still out finish on their own
      return;
    }
    for (List<RecordAndBlock> chunk : chunks(page, Replication::size)) {
      node.stats.transfersSent++;
      Batch b = new Batch(h.target, h.reason, chunk, List.of());
      b.handOff = h;
      h.inFlight++;
      send(b);
    }
    schedulePump(h);
  }

  /** {@code b} is acknowledged or given up: its hand-off may send more. */
  private void released(Batch b) {
    if (b.handOff != null) {
      b.handOff.inFlight--;
      schedulePump(b.handOff);
    }
  }

  /** Copies a receipt just made here to the replica set, which holds its record. */
  void copyReceipt(ApprovalReceipt receipt) {
    for (Peer target : node.replicaTargets()) {
      send(new Batch(target, null, List.of(), List.of(receipt), List.of()));
    }
  }

  private void send(Batch b) {
    b.id = node.newId();
    b.sends++;
    node.sendDirect(b.target, node.self().id(), b.message());
    node.stats.batchesSent++;
    outstanding.put(b.id, b);
    b.timer = node.scheduler.schedule(node.config.replicaAckTimeoutMillis(), () -> timedOut(b));
  }

  private void timedOut(Batch b) {
    if (outstanding.remove(b.id) == null || node.closed()) {
      return;
    }
    boolean stillWanted =
        (b.reason != null && b.receipts == null) || node.replicaTargets().contains(b.target);
    if (stillWanted && b.sends <= node.config.replicationResends()) {
      node.stats.batchesResent++;
      send(b);
    } else {
      released(b);
      node.stats.batchesAbandoned++;
      LOG.debug("giving up a batch of {} copies for {}", b.size(), b.target);
    }
  }

  void onAck(ReplicaAck ack, Peer from) {
    Batch b = outstanding.get(ack.batchId());
    if (b == null || !b.target.equals(from)) {
      return; // late, repeated, or not from the peer it went to
    }
    outstanding.remove(ack.batchId());
    b.timer.cancel();
    released(b);
    if (ack.refused() > 0) {
      if (b.receipts == null) {
        LOG.warn("{} refused {} of {} copies", from, ack.refused(), b.size());
      } else { // it does not hold the record (yet): the record's hand-off brings the receipt
        LOG.debug("{} refused {} of {} receipts", from, ack.refused(), b.size());
      }
      return;
    }
    for (Waiter w : b.waiters) {
      w.confirm(b.target);
    }
    if (b.reason != null && b.receipts == null) {
      handOffReceipts(b);
    }
  }

  /** The receipts of records just handed off, now that the target holds the records. */
  private void handOffReceipts(Batch records) {
    List<ApprovalReceipt> receipts = new ArrayList<>();
    for (RecordAndBlock e : records.entries) {
      receiptOf(e).ifPresent(receipts::add);
    }
    if (!receipts.isEmpty()) {
      send(new Batch(records.target, records.reason, List.of(), receipts, List.of()));
    }
  }

  private Optional<ApprovalReceipt> receiptOf(RecordAndBlock e) {
    return e.record().recorder().equals(node.self().id())
        ? node.ledger.store().approval(e.record().txId())
        : node.replicas.approval(e.record().txId());
  }

  /** Drops everything (the node is closing). */
  void clear() {
    for (Batch b : outstanding.values()) {
      b.timer.cancel();
    }
    outstanding.clear();
    queue.clear();
    handOffs.clear();
  }

  /** {@code all} in batches within the configured record count and byte size, in order. */
  private <T> List<List<T>> chunks(List<T> all, ToLongFunction<T> sizeOf) {
    List<List<T>> out = new ArrayList<>();
    List<T> cur = new ArrayList<>();
    long bytes = 0;
    for (T item : all) {
      long size = sizeOf.applyAsLong(item);
      if (!cur.isEmpty()
          && (cur.size() == node.config.maxBatchRecords()
              || bytes + size > node.config.maxBatchBytes())) {
        out.add(cur);
        cur = new ArrayList<>();
        bytes = 0;
      }
      cur.add(item);
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
