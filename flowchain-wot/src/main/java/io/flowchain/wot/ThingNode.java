package io.flowchain.wot;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * What the Web of Things layer needs of a node: the port {@code flowchain-node} implements over its
 * {@code FlowchainNode}, so that this module never depends on the node itself.
 *
 * <p><b>Threading:</b> every method may be called from any thread and never blocks for long (reads
 * of the node's own branch may touch its store); the futures complete on a thread of the node's
 * choosing, never one of the web server's request threads. A future fails with a {@link
 * ThingNodeException} when the node says why, or with {@link IllegalArgumentException} for
 * arguments the node refuses.
 */
public interface ThingNode {
  /** Who the node is; fixed for its lifetime. */
  NodeInfo info();

  /**
   * Submits a reading of object {@code objectId} to the ledger (the SDK's submit path): the future
   * completes with the record and its checked receipt.
   *
   * @throws IllegalArgumentException at once if the object id, content type or size is invalid
   */
  CompletableFuture<Submitted> submit(String objectId, String contentType, byte[] data);

  /** The record with this txID, from any node of the ring; empty if none holds it. */
  CompletableFuture<Optional<Record>> get(TxId txId);

  /** The record with this data key, from any node of the ring; empty if none holds it. */
  CompletableFuture<Optional<Record>> get(Key dataKey);

  /**
   * One page of an object's time series across the ring: {@code from <= timestamp < to}, in
   * (timestamp, txID) order, after {@code after} (null for the first page).
   */
  CompletableFuture<RecordPage> query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after);

  /** Up to {@code limit} blocks of this node's branch from block {@code fromNo} on. */
  List<BlockInfo> blocks(long fromNo, int limit);

  /** The node and its place in the ring now (read on the node's thread). */
  CompletableFuture<NodeStatus> status();

  /**
   * The members of the ring this node knows, with whether each answers and its balance. By default
   * the node itself, its predecessor and its successors from {@link #status()}, their state {@code
   * unknown}; a node that can ask its peers says more.
   */
  default CompletableFuture<RingMembers> ringMembers() {
    return status().thenApply(RingMembersFromStatus::of);
  }

  /** The node's Flowcoin balance, or empty while the node does not keep one. */
  OptionalLong balance();

  /**
   * An endpoint's signed approval of a record (paper §5.4, protocol.md §14), sent to the record's
   * recorder; completes when a majority of its replica set confirmed it, or fails with {@link
   * ThingNodeException.Kind#INVALID_INPUT} and the ledger's reason (unknown record, already
   * approved, not authorized, ...). Fails with {@link ThingNodeException.Kind#NOT_IMPLEMENTED} on a
   * node that cannot approve.
   */
  CompletableFuture<ApprovalResult> approve(Approval approval);

  /**
   * Tells {@code events} about blocks this node mines and records it records (once durable), on a
   * thread of the node's that must not be blocked for long. Closing the handle unsubscribes.
   */
  AutoCloseable subscribe(ThingEvents events);
}
