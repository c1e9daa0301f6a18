package io.flowchain.core.verify;

/** What a verifier found wrong. */
public enum FaultKind {
  EMPTY_BRANCH,
  GENESIS_MISMATCH,
  RECORDS_IN_GENESIS,
  WRONG_BLOCK_NUMBER,
  BROKEN_LINK,
  TIMESTAMP_BACKWARDS,
  DIFFICULTY_NOT_IN_TABLE,
  DIFFICULTY_NOT_MET,
  MINER_ID_MISMATCH,
  MINER_CHANGED,
  BAD_BLOCK_SIGNATURE,
  BAD_SEAL_ORDER,
  SEAL_MISMATCH,
  SEAL_STATUS_MISMATCH,
  RECORD_WRONG_BLOCK,
  RECORD_DATA_KEY,
  RECORD_TXID,
  RECORD_RECORDER,
  RECORD_SIGNATURE,
  DUPLICATE_RECORD,
  /** An approval receipt names a txID that is not in the branch. */
  APPROVAL_UNKNOWN_RECORD,
  /** Two approval receipts for the same record. */
  DUPLICATE_APPROVAL,
  /** An approval receipt that does not hold (approval, authorization, confirmations, signature). */
  BAD_APPROVAL
}
