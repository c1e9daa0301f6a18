package io.flowchain.cli.demo;

import java.util.List;

/**
 * What the demo did and found; printed as a table or as one JSON object.
 *
 * @param nodes nodes in the ring
 * @param acknowledged readings whose receipt came back and verified
 * @param retrievable acknowledged readings read back by data key from the ring at the end
 * @param lost acknowledged readings that could not be read back
 * @param failed readings never acknowledged (every attempt failed)
 * @param killed the id of the node that was crashed and restarted midway, or null (one node)
 * @param recorded records in all branches
 * @param verified acknowledged readings the endpoint approved and got a checked receipt for
 * @param coins Flowcoins in all branches (approval receipts); equal to {@code verified}
 */
public record DemoSummary(
    int nodes,
    long acknowledged,
    long retrievable,
    long lost,
    long failed,
    String killed,
    long recorded,
    long blocks,
    long invalidBlocks,
    long sealedRecords,
    long mergedBlocks,
    long mergedRecords,
    long verified,
    long coins,
    boolean auditOk,
    String auditFault,
    double seconds,
    List<NodeSummary> perNode) {

  /** One node's branch after the run. */
  public record NodeSummary(
      String nodeId,
      long blocks,
      long records,
      long invalidBlocks,
      long coins,
      boolean auditOk,
      String fault) {}
}
