/**
 * Approval and Flowcoin (paper §5.4): an endpoint's signed {@link
 * io.flowchain.core.approval.Approval} of a record, the replicas' {@link
 * io.flowchain.core.approval.Confirmation}s, the recorder's {@link
 * io.flowchain.core.approval.ApprovalReceipt} (one coin), the pure {@link
 * io.flowchain.core.approval.ApprovalRules} and balances ({@link
 * io.flowchain.core.approval.FlowcoinLedger}). Encodings: docs/protocol.md §14.
 */
package io.flowchain.core.approval;
