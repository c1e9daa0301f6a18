package io.flowchain.wot;

/** Why a {@link ThingNode} could not do what it was asked; each kind maps to an HTTP status. */
public final class ThingNodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of failure, with the HTTP status the web API answers with. */
  public enum Kind {
    /** The request is malformed or refused by the ledger's rules. */
    INVALID_INPUT(400),
    /** Too many requests in flight, or no valid block to record into right now. */
    UNAVAILABLE(503),
    /** The ring did not answer in time. */
    TIMEOUT(504),
    /** Another node answered wrongly (for example a receipt that did not verify). */
    BAD_GATEWAY(502),
    /** The node cannot do this yet. */
    NOT_IMPLEMENTED(501),
    /** The node is closed or failed unexpectedly. */
    INTERNAL(500);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Kind kind;

  public ThingNodeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ThingNodeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
