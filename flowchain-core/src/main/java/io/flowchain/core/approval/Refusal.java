package io.flowchain.core.approval;

/** Why an approval, a confirmation or a receipt is refused: a kind and a sentence for a person. */
public record Refusal(Kind kind, String message) {
  public Refusal {
    if (kind == null || message == null) {
      throw new IllegalArgumentException("refusal kind or message missing");
    }
  }

  /** The kinds of refusal. */
  public enum Kind {
    /** No record with the approval's txID is held. */
    UNKNOWN_RECORD,
    /** The record held is not the one approved (other bytes, other data key), or is not valid. */
    TAMPERED,
    /** The approval's signature does not verify with the approver's key. */
    BAD_SIGNATURE,
    /** The approver's certificate does not let it approve (network, issuer, role, validity). */
    UNAUTHORIZED,
    /** The record has a receipt already. */
    ALREADY_APPROVED,
    /** The approval's time is in the future, too old, or before the record was recorded. */
    BAD_TIME,
    /** A receipt whose confirmations or recorder signature do not hold. */
    BAD_RECEIPT
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}
