package io.flowchain.node;

import java.util.function.LongConsumer;

/**
 * Counters of one node's data path. Written on the node's thread only; read from any thread (each
 * value is current, a set of values read together need not be consistent).
 */
public final class NodeStats {
  private static final LongConsumer NONE = millis -> {};

  private volatile LongConsumer putLatencyObserver = NONE;

  volatile long submitted;
  volatile long acknowledged;
  volatile long failed;
  volatile long recorded;
  volatile long receiptsFromCopies;
  volatile long refusedNotOwner;
  volatile long refusedBusy;
  volatile long noValidBlock;
  volatile long copiesStored;
  volatile long copiesRefused;
  volatile long batchesSent;
  volatile long batchesResent;
  volatile long batchesAbandoned;
  volatile long transfersSent;
  volatile long recoveryCopiesSent;
  volatile long readsServed;
  volatile long branchPagesServed;
  volatile long malformedMessages;
  volatile long badAnswers;
  volatile long errors;
  volatile long recordsForwarded;
  volatile long recordsForwardedIn;
  volatile long subscriptionsAnnounced;
  volatile long coinsEarned;
  volatile long approvalsRefused;
  volatile long approvalsPassedOn;
  volatile long confirmationsGiven;
  volatile long confirmationsRefused;
  volatile long receiptCopiesStored;
  volatile long approvalsSent;
  volatile long approvalsVerified;

  /** Submissions this node started as a client. */
  public long submitted() {
    return submitted;
  }

  /** Submissions of this node that got a verified receipt. */
  public long acknowledged() {
    return acknowledged;
  }

  /** Requests of this node (submissions and reads) that failed. */
  public long failed() {
    return failed;
  }

  /** Records this node recorded in its branch (as N'). */
  public long recorded() {
    return recorded;
  }

  /** Submissions answered from a copy this node held (their recorder is gone or was replaced). */
  public long receiptsFromCopies() {
    return receiptsFromCopies;
  }

  public long refusedNotOwner() {
    return refusedNotOwner;
  }

  public long refusedBusy() {
    return refusedBusy;
  }

  /** Submissions answered with NO_VALID_BLOCK. */
  public long noValidBlock() {
    return noValidBlock;
  }

  /** Copies of other nodes' records this node stored (replication and hand-off). */
  public long copiesStored() {
    return copiesStored;
  }

  /** Copies this node refused because they did not check out against their block header. */
  public long copiesRefused() {
    return copiesRefused;
  }

  public long batchesSent() {
    return batchesSent;
  }

  public long batchesResent() {
    return batchesResent;
  }

  /** Batches of copies given up after every resend went unacknowledged. */
  public long batchesAbandoned() {
    return batchesAbandoned;
  }

  /** Hand-off batches sent because the ring changed. */
  public long transfersSent() {
    return transfersSent;
  }

  /**
   * Records of blocks left open by an unclean shutdown sent to their keys' owners ({@link
   * UncleanRecovery}).
   */
  public long recoveryCopiesSent() {
    return recoveryCopiesSent;
  }

  /** Gets and queries this node answered for others. */
  public long readsServed() {
    return readsServed;
  }

  /** Pages of this node's branch sent to members collecting it (the inventory). */
  public long branchPagesServed() {
    return branchPagesServed;
  }

  /** Payloads that were not well-formed ledger messages (dropped). */
  public long malformedMessages() {
    return malformedMessages;
  }

  /** Answers that did not verify or did not match their request (ignored). */
  public long badAnswers() {
    return badAnswers;
  }

  /** Unexpected errors while handling a message (logged). */
  public long errors() {
    return errors;
  }

  /**
   * Records this node recorded and forwarded to a subscriber of their object (one per subscriber).
   */
  public long recordsForwarded() {
    return recordsForwarded;
  }

  /** Forwarded records this node received for its subscriptions (checked against their headers). */
  public long recordsForwardedIn() {
    return recordsForwardedIn;
  }

  /** Members that acknowledged this node's subscriptions (each renewal counts again). */
  public long subscriptionsAnnounced() {
    return subscriptionsAnnounced;
  }

  /** Approval receipts this node signed and stored in this run: Flowcoins earned as recorder. */
  public long coinsEarned() {
    return coinsEarned;
  }

  /** Approvals this node refused as recorder (each with a FAILURE saying why). */
  public long approvalsRefused() {
    return approvalsRefused;
  }

  /** Approvals this node passed on to the record's recorder (it held only a copy). */
  public long approvalsPassedOn() {
    return approvalsPassedOn;
  }

  /** Approvals this node confirmed as a replica. */
  public long confirmationsGiven() {
    return confirmationsGiven;
  }

  /** Approvals this node refused to confirm as a replica. */
  public long confirmationsRefused() {
    return confirmationsRefused;
  }

  /** Copies of approval receipts this node keeps for its recorders. */
  public long receiptCopiesStored() {
    return receiptCopiesStored;
  }

  /** Approvals this node sent for an endpoint. */
  public long approvalsSent() {
    return approvalsSent;
  }

  /** Approvals this node sent that came back verified, with a receipt that checks out. */
  public long approvalsVerified() {
    return approvalsVerified;
  }

  /**
   * Follows the latency of this node's acknowledged submissions from now on: called on the node's
   * thread with the milliseconds (of the node's clock) from {@code submit} to the checked receipt.
   * It must be quick and must not block; {@code null} stops following.
   */
  public void observePutLatency(LongConsumer observer) {
    this.putLatencyObserver = observer == null ? NONE : observer;
  }

  void putAcknowledged(long millis) {
    acknowledged++;
    putLatencyObserver.accept(millis);
  }

  @Override
  public String toString() {
    return "NodeStats[submitted="
        + submitted
        + ", acknowledged="
        + acknowledged
        + ", failed="
        + failed
        + ", recorded="
        + recorded
        + ", copiesStored="
        + copiesStored
        + ", copiesRefused="
        + copiesRefused
        + ", transfersSent="
        + transfersSent
        + ", malformed="
        + malformedMessages
        + "]";
  }
}
