package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.RecordCheck;
import io.flowchain.node.message.ReplicaAck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies arriving from other nodes ({@code REPLICATE} and {@code TRANSFER} batches): each copy is
 * checked against its block header unless it is the very record already held or being stored, the
 * new ones are stored, and the batch is acknowledged once every copy it counts is durable. A copy
 * sent again while its first write is still under way waits for that write instead of being stored,
 * counted and reported ({@code onData}) a second time. Not thread-safe: runs on the node's thread.
 */
final class IncomingCopies {
  private static final Logger LOG = LoggerFactory.getLogger(IncomingCopies.class);

  /** A copy whose write is under way. */
  private record Storing(Record record, CompletableFuture<Void> durable) {}

  private final LedgerService node;
  private final Map<TxId, Storing> storing = new HashMap<>();

  IncomingCopies(LedgerService node) {
    this.node = node;
  }

  /**
   * Keeps the copies of one batch that check out and are not already held, and acknowledges the
   * batch to {@code from} once they are durable; {@code onStored} then gets the copies that this
   * node did not hold durably when the batch came: those it stored, and those it was still writing.
   */
  void store(
      Peer from,
      long batchId,
      List<RecordAndBlock> entries,
      Consumer<List<RecordAndBlock>> onStored) {
    Map<Hash, Boolean> headerOk = new HashMap<>();
    List<RecordAndBlock> fresh = new ArrayList<>();
    Map<TxId, Record> inBatch = new HashMap<>();
    Set<CompletableFuture<Void>> awaited = new HashSet<>(); // the writes the ack waits for
    List<RecordAndBlock> notYetDurable = new ArrayList<>();
    int held = 0;
    int refused = 0;
    for (RecordAndBlock e : entries) {
      TxId txId = e.record().txId();
      Record holding = inBatch.get(txId);
      Storing underWay = holding == null ? storing.get(txId) : null;
      if (underWay != null) {
        holding = underWay.record();
      } else if (holding == null) {
        holding = node.reads.heldRecord(txId).orElse(null);
      }
      boolean same = e.record().equals(holding);
      if (!same) {
        Optional<String> problem =
            headerOk.computeIfAbsent(
                    e.block().hash(),
                    h -> RecordCheck.headerProblem(e.block(), node.verified).isEmpty())
                ? RecordCheck.recordProblem(e.record(), e.block(), node.verified)
                : Optional.of("bad header");
        if (problem.isPresent()) {
          refused++;
          LOG.debug("refused a copy from {}: {}", from, problem.get());
          continue;
        }
        if (holding == null) {
          inBatch.put(txId, e.record());
          fresh.add(e);
          continue;
        }
        // another valid recording under a txID already held: the one held stays
      }
      // else the very record verified when it was stored: a resent copy costs no verification
      held++;
      if (underWay != null) {
        awaited.add(underWay.durable());
        if (same) {
          notYetDurable.add(e);
        }
      }
    }
    node.stats.copiesRefused += refused;
    ReplicaAck ack = new ReplicaAck(batchId, held + fresh.size(), refused);
    if (!fresh.isEmpty()) {
      CompletableFuture<Void> write = node.replicas.put(fresh);
      awaited.add(write);
      Storing[] writes = new Storing[fresh.size()];
      for (int i = 0; i < writes.length; i++) {
        writes[i] = new Storing(fresh.get(i).record(), write);
        storing.put(writes[i].record().txId(), writes[i]);
      }
      write.whenComplete((v, error) -> node.later(() -> stored(fresh, writes, error)));
      notYetDurable.addAll(fresh);
    }
    if (awaited.isEmpty()) {
      node.sendDirect(from, node.self().id(), ack);
      return;
    }
    CompletableFuture.allOf(awaited.toArray(CompletableFuture[]::new))
        .whenComplete(
            (v, error) -> {
              if (error == null) { // otherwise no acknowledgement: the sender tries again
                node.later(
                    () -> {
                      node.sendDirect(from, node.self().id(), ack);
                      onStored.accept(notYetDurable);
                    });
              }
            });
  }

  private void stored(List<RecordAndBlock> fresh, Storing[] writes, Throwable error) {
    for (Storing s : writes) {
      storing.remove(s.record().txId(), s);
    }
    if (error != null) {
      LOG.warn("could not store {} copies: {}", fresh.size(), error.toString());
      return;
    }
    node.stats.copiesStored += fresh.size();
    for (RecordAndBlock e : fresh) {
      node.callbacks.copyStored(e.record());
    }
  }

  /** Forgets the writes under way (the node is closing). */
  void clear() {
    storing.clear();
  }
}
