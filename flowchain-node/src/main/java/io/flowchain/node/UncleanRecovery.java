package io.flowchain.node;

import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Ledger.OpenBlockInfo;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Key;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.Transfer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the records of a crash to their keys' owners. After an unclean shutdown, the records of
 * the blocks that were open (labelled {@code UNCLEAN_SHUTDOWN}) may be held by this node alone: it
 * acknowledged them once durable (policy {@code RECORDER}) and crashed before their copies left. If
 * another node took over their keys while this one was down, no replica-set change brings the
 * copies there, since a node copies only its own range. So once a member again, the node looks up
 * the owner of each such record it does not own and sends it the records (TRANSFER, reason
 * RECOVERY); the owner keeps them and copies them on to its own replica set.
 *
 * <p>One lookup per owner: the records go in data-key order, and all those up to the owner's id go
 * in its batch. If a lookup fails, or says a key is this node's while its owned range says
 * otherwise (the ring is still settling), the round ends there and the rest is tried again {@link
 * #RETRY_MILLIS} later, up to {@link #ROUNDS} rounds. Not thread-safe: runs on the node's thread.
 */
final class UncleanRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(UncleanRecovery.class);
  static final long RETRY_MILLIS = 1_000;
  static final int ROUNDS = 30;

  private final LedgerService node;
  private final List<Long> blocks = new ArrayList<>();
  private List<RecordAndBlock> pending = List.of();
  private int rounds;

  /**
   * Notes the blocks of the branch labelled {@code UNCLEAN_SHUTDOWN} as it is opened, before the
   * first block mined seals them.
   */
  UncleanRecovery(LedgerService node) {
    this.node = node;
    for (OpenBlockInfo b : node.ledger.openBlocks()) {
      if (b.invalidReason() == InvalidReason.UNCLEAN_SHUTDOWN) {
        blocks.add(b.no());
      }
    }
  }

  /** Starts the recovery, once the node is a member, if the branch had such blocks. */
  void start() {
    List<RecordAndBlock> records = new ArrayList<>();
    for (long no : blocks) {
      for (Record r : node.ledger.store().recordsInBlock(no)) {
        records.add(node.reads.own(r));
      }
    }
    if (records.isEmpty()) {
      return;
    }
    records.sort(Comparator.comparing((RecordAndBlock e) -> e.record().dataKey()));
    LOG.info(
        "{} records of blocks {} open at an unclean shutdown: copying those of keys owned"
            + " elsewhere to their owners",
        records.size(),
        blocks);
    pending = records;
    round();
  }

  private void round() {
    if (!node.isMember()) {
      return;
    }
    rounds++;
    if (node.chord().predecessor().isEmpty()) {
      next(pending); // the owned range is not known yet
      return;
    }
    KeyRange owned = node.chord().ownedRange();
    List<RecordAndBlock> elsewhere = new ArrayList<>();
    for (RecordAndBlock e : pending) {
      if (!owned.contains(e.record().dataKey())) {
        elsewhere.add(e); // the owned ones reach the replica set with the owned range
      }
    }
    sendFrom(elsewhere, 0, new ArrayList<>());
  }

  private void sendFrom(List<RecordAndBlock> todo, int i, List<RecordAndBlock> left) {
    if (i == todo.size()) {
      next(left);
      return;
    }
    Key key = todo.get(i).record().dataKey();
    node.chord().lookup(key, result -> sent(todo, i, left, result));
  }

  private void sent(
      List<RecordAndBlock> todo, int i, List<RecordAndBlock> left, LookupResult result) {
    if (node.closed()) {
      return;
    }
    Peer owner = result.successor();
    if (owner == null || owner.equals(node.self())) {
      left.addAll(todo.subList(i, todo.size())); // the ring is not settled: the next round
      next(left);
      return;
    }
    Key key = todo.get(i).record().dataKey();
    KeyRange upToOwner = new KeyRange(key, owner.id());
    int j = i + 1;
    while (j < todo.size()
        && (todo.get(j).record().dataKey().equals(key)
            || upToOwner.contains(todo.get(j).record().dataKey()))) {
      j++;
    }
    node.stats.recoveryCopiesSent += j - i;
    node.replication.transfer(owner, Transfer.Reason.RECOVERY, todo.subList(i, j));
    sendFrom(todo, j, left);
  }

  private void next(List<RecordAndBlock> left) {
    pending = left;
    if (left.isEmpty()) {
      LOG.info("the records of the unclean shutdown went to their keys' owners");
      return;
    }
    if (rounds >= ROUNDS) {
      LOG.warn(
          "gave up copying {} records of the unclean shutdown to their keys' owners: no owner"
              + " found",
          left.size());
      return;
    }
    node.scheduler.schedule(RETRY_MILLIS, () -> node.later(this::round));
  }
}
