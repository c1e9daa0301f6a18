package io.flowchain.node.message;

/**
 * A message of the ledger's data path, carried as the payload of a Chord {@code MESSAGE} (routed to
 * the owner of a key, or sent directly to one peer). {@link LedgerCodec} maps each case to and from
 * its binary form (docs/protocol.md §13).
 *
 * <p>Requests carry an id chosen by their sender, unique per sender; answers repeat it. Batches of
 * records ({@link Replicate}, {@link Transfer}) carry a batch id that {@link ReplicaAck} repeats.
 * All cases are immutable values that check their fields when built, so a decoded message is always
 * well formed.
 */
public sealed interface LedgerMessage
    permits Submit,
        Receipt,
        Failure,
        Replicate,
        ReplicaAck,
        Get,
        Found,
        NotFound,
        Query,
        QueryPage,
        Transfer,
        Subscribe,
        Subscribed,
        Recorded,
        Approve,
        Confirm,
        Confirmed,
        Approved,
        Receipts,
        Balance,
        BalanceIs,
        BranchRequest,
        BranchPage {

  /** The wire name of this message. */
  Kind kind();

  /** The message kinds and their codes on the wire. */
  enum Kind {
    SUBMIT(1),
    RECEIPT(2),
    FAILURE(3),
    REPLICATE(4),
    REPLICA_ACK(5),
    GET(6),
    FOUND(7),
    NOT_FOUND(8),
    QUERY(9),
    QUERY_PAGE(10),
    TRANSFER(11),
    SUBSCRIBE(12),
    SUBSCRIBED(13),
    RECORDED(14),
    APPROVE(15),
    CONFIRM(16),
    CONFIRMED(17),
    APPROVED(18),
    RECEIPTS(19),
    BALANCE(20),
    BALANCE_IS(21),
    BRANCH(22),
    BRANCH_PAGE(23);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    /** The kind of wire code {@code code}, or null if there is none. */
    public static Kind ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return k;
        }
      }
      return null;
    }
  }
}
