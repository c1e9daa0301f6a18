package io.flowchain.cli.demo;

import java.util.List;

/** What the demo did and found; printed as a table or as one JSON object. */
public record DemoSummary(
    int nodes,
    long recorded,
    long blocks,
    long invalidBlocks,
    long sealedRecords,
    long mergedBlocks,
    long mergedRecords,
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
      boolean auditOk,
      String fault) {}
}
