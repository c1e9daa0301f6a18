package io.flowchain.wot;

/**
 * What became of an approval.
 *
 * @param verified whether the transaction is now verified (a majority of its replica set confirmed)
 * @param confirmations replicas that confirmed the record
 */
public record ApprovalResult(boolean verified, int confirmations) {}
