package io.flowchain.core.verify;

/**
 * The result of verifying a branch: counts of what was checked and the first fault, if any ({@code
 * fault == null} means everything checked out). Unsealed records are those of the newest blocks,
 * whose seal is not mined yet: their signatures and hashes are checked, their set is not fixed yet.
 * {@code approvals} counts the approval receipts checked (the Flowcoins of the branch's miner).
 */
public record VerificationReport(
    long blocks,
    long records,
    long sealedRecords,
    long unsealedRecords,
    long invalidBlocks,
    long approvals,
    Fault fault) {

  public boolean ok() {
    return fault == null;
  }
}
