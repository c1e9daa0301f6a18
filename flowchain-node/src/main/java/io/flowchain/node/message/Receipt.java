package io.flowchain.node.message;

import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import java.util.Optional;

/**
 * The recorder's answer to a {@link Submit}: where and when the submission was recorded, the
 * recorder's signature, and the header of the block it went into (which holds the recorder's public
 * key and H_BLOCK's inputs). With the submission it was sent for, it rebuilds the exact {@link
 * Record} and lets the client check everything: {@link #verify(Submission)}.
 *
 * @param copies how many durable copies the recorder knew of when it answered: 1 (its own) plus the
 *     replicas that confirmed (see the node's acknowledgement policy)
 */
public record Receipt(
    long requestId,
    TxId txId,
    Key dataKey,
    long recordedAt,
    long blockNo,
    Hash blockHash,
    NodeId recorder,
    Signature signature,
    BlockHeader block,
    int copies)
    implements LedgerMessage {

  public Receipt {
    if (txId == null
        || dataKey == null
        || blockHash == null
        || recorder == null
        || signature == null
        || block == null) {
      throw new IllegalArgumentException("receipt field missing");
    }
    if (blockNo < 1) {
      throw new IllegalArgumentException("records go in mined blocks (no ≥ 1), not " + blockNo);
    }
    if (copies < 1 || copies > 255) {
      throw new IllegalArgumentException("copies must be 1..255: " + copies);
    }
  }

  /** The receipt of {@code record}, recorded in {@code block}, answering request {@code id}. */
  public static Receipt of(long requestId, Record record, BlockHeader block, int copies) {
    return new Receipt(
        requestId,
        record.txId(),
        record.dataKey(),
        record.recordedAt(),
        record.blockNo(),
        record.blockHash(),
        record.recorder(),
        record.signature(),
        block,
        copies);
  }

  /** The record this receipt stands for, given the submission it answers. */
  public Record toRecord(Submission submission) {
    return new Record(
        txId, dataKey, submission, recordedAt, blockNo, blockHash, recorder, signature);
  }

  /** The recorder's public key (from the block header; {@link #verify} checks it is theirs). */
  public NodePublicKey recorderKey() {
    return block.minerKey();
  }

  /** The first reason this receipt does not prove that {@code submission} was recorded, if any. */
  public Optional<String> problem(Submission submission) {
    return problem(submission, VerifiedSignatures.NONE);
  }

  /** {@link #problem(Submission)}, each signature verified at most once through {@code seen}. */
  public Optional<String> problem(Submission submission, VerifiedSignatures seen) {
    if (!submission.dataKey().equals(dataKey)) {
      return Optional.of("the receipt is for another data key");
    }
    return RecordCheck.problem(toRecord(submission), block, seen);
  }

  /** Whether this receipt proves that {@code submission} was recorded (see {@link RecordCheck}). */
  public boolean verify(Submission submission) {
    return problem(submission).isEmpty();
  }

  @Override
  public Kind kind() {
    return Kind.RECEIPT;
  }
}
