package io.flowchain.node.message;

/**
 * Why a request failed. The codes up to 63 travel in {@link Failure}; the others are found by the
 * requesting node itself and never sent.
 */
public enum FailureReason {
  /** The recorder had no valid block within its bounded wait (its miner has not found one yet). */
  NO_VALID_BLOCK(1, false),
  /** The request itself is wrong (for example a data key that is not the submission's H_DATA). */
  INVALID_INPUT(2, false),
  /** Too many requests in flight; try again later. */
  BUSY(3, true),
  /** The receiver does not own the key (the ring is changing); the sender routes again. */
  NOT_OWNER(4, true),
  /** Recorded durably, but fewer replicas confirmed than the acknowledgement policy asks for. */
  REPLICATION_TIMEOUT(5, true),
  /** The receiver failed for a reason of its own (a store error). */
  INTERNAL(6, false),
  /** The record has an approval receipt already: approving twice changes nothing. */
  ALREADY_APPROVED(7, false),
  /** No record with the approval's txID is held by the node its data key leads to. */
  UNKNOWN_RECORD(8, false),
  /** The record held is not the one approved (other bytes or data key), or does not verify. */
  TAMPERED(9, false),
  /** The approver's certificate does not let it approve (network, issuer, role, validity). */
  UNAUTHORIZED(10, false),
  /** The approval's signature does not verify with the approver's key (a forged approval). */
  BAD_SIGNATURE(11, false),
  /** Fewer replicas than a majority of the replica set confirmed the approval in time. */
  NOT_CONFIRMED(12, true),
  /** The node holds only a copy of the record and cannot reach its recorder, which must approve. */
  NOT_RECORDER(13, false),
  /** No answer came within the request's attempts and deadline. */
  TIMEOUT(64, false),
  /** A receipt or record came back that does not verify. */
  BAD_ANSWER(65, false),
  /** The node was closed before the request completed. */
  CLOSED(66, false);

  private final int code;
  private final boolean retryable;

  FailureReason(int code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  public int code() {
    return code;
  }

  /** Whether a node that gets this answer tries again (within the request's deadline). */
  public boolean retryable() {
    return retryable;
  }

  /** Whether this reason can travel in a {@link Failure} message. */
  public boolean onTheWire() {
    return code < 64;
  }

  /** The wire reason of code {@code code}, or null. */
  public static FailureReason ofWireCode(int code) {
    for (FailureReason r : values()) {
      if (r.code == code && r.onTheWire()) {
        return r;
      }
    }
    return null;
  }
}
