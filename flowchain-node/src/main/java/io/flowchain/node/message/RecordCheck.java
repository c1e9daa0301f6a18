package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.TxHashes;
import java.util.Optional;

/**
 * Checks a record against the header of the block it names, as anyone holding both can
 * (docs/protocol.md §7): the header is that block's and is signed by its miner, the miner is the
 * recorder, the data key is the submission's H_DATA, the txID is SHA-256d(H_BLOCK ‖ H_DATA), and
 * the record's signature verifies with the miner's key. Thread-safe; the methods that take a {@link
 * VerifiedSignatures} verify each signature that cache already holds only once.
 */
public final class RecordCheck {
  private RecordCheck() {}

  /** The first problem found, or empty if the record checks out. */
  public static Optional<String> problem(Record record, BlockHeader header) {
    return problem(record, header, VerifiedSignatures.NONE);
  }

  /**
   * The first problem found, or empty if the record checks out; signatures through {@code seen}.
   */
  public static Optional<String> problem(
      Record record, BlockHeader header, VerifiedSignatures seen) {
    return headerProblem(header, seen).or(() -> recordProblem(record, header, seen));
  }

  /** The header's own problem, if any: its miner id is not its key's, or its signature is bad. */
  public static Optional<String> headerProblem(BlockHeader header) {
    return headerProblem(header, VerifiedSignatures.NONE);
  }

  /** {@link #headerProblem(BlockHeader)}, the signature verified through {@code seen}. */
  public static Optional<String> headerProblem(BlockHeader header, VerifiedSignatures seen) {
    if (!header.minerKey().nodeId().equals(header.minerId())) {
      return Optional.of("the miner id is not the SHA-1 of the miner key");
    }
    if (!seen.headerSignatureValid(header)) {
      return Optional.of("the block header's signature does not verify");
    }
    return Optional.empty();
  }

  /**
   * The record's problem against a header already checked with {@link #headerProblem} (so that a
   * batch checks each header once), if any.
   */
  public static Optional<String> recordProblem(Record record, BlockHeader header) {
    return recordProblem(record, header, VerifiedSignatures.NONE);
  }

  /** {@link #recordProblem(Record, BlockHeader)}, the signature verified through {@code seen}. */
  public static Optional<String> recordProblem(
      Record record, BlockHeader header, VerifiedSignatures seen) {
    if (header.no() != record.blockNo()) {
      return Optional.of(
          "the header is of block " + header.no() + ", the record names " + record.blockNo());
    }
    if (!header.minerId().equals(record.recorder())) {
      return Optional.of("the block's miner is not the record's recorder");
    }
    if (!header.hash().equals(record.blockHash())) {
      return Optional.of("the record names another block hash than the header's");
    }
    if (!record.submission().dataKey().equals(record.dataKey())) {
      return Optional.of("the data key is not H_DATA of the submission");
    }
    if (!TxHashes.txId(header.hBlock(), record.dataKey()).equals(record.txId())) {
      return Optional.of("the txID is not SHA-256d(H_BLOCK ‖ H_DATA)");
    }
    if (!seen.recordSignatureValid(record, header.minerKey())) {
      return Optional.of("the record's signature does not verify with the recorder's key");
    }
    return Optional.empty();
  }
}
