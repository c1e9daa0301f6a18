package io.flowchain.node.collect;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.dht.Peer;
import io.flowchain.node.collect.BranchCollector.Missing;
import io.flowchain.node.collect.BranchCollector.Rejected;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a {@link BranchCollector} brought back: the branches collected (in member id order, with the
 * member each came from), the members that did not answer and the members whose branch was refused.
 * A collection is complete when nobody is missing or refused.
 */
public record BranchCollection(
    List<CollectedBranch> branches,
    List<Peer> from,
    List<Missing> missing,
    List<Rejected> rejected) {
  public BranchCollection {
    branches = List.copyOf(branches);
    from = List.copyOf(from);
    missing = List.copyOf(missing);
    rejected = List.copyOf(rejected);
    if (branches.size() != from.size()) {
      throw new IllegalArgumentException("one member per branch");
    }
  }

  /** Whether every member found answered with a branch that held together. */
  public boolean complete() {
    return missing.isEmpty() && rejected.isEmpty();
  }

  /**
   * This collection with every branch verified completely (docs/protocol.md §5 and §14): those that
   * fail move to {@link #rejected} with their fault. CPU-heavy: run it on a thread of its own.
   * {@code progress} is told each branch's report.
   */
  public BranchCollection verified(NetworkParams params, Consumer<VerificationReport> progress) {
    BranchVerifier verifier = new BranchVerifier(params);
    List<CollectedBranch> good = new ArrayList<>();
    List<Peer> goodFrom = new ArrayList<>();
    List<Rejected> bad = new ArrayList<>(rejected);
    for (int i = 0; i < branches.size(); i++) {
      VerificationReport r = verifier.verify(branches.get(i));
      progress.accept(r);
      if (r.ok()) {
        good.add(branches.get(i));
        goodFrom.add(from.get(i));
      } else {
        bad.add(new Rejected(from.get(i), "does not verify: " + r.fault()));
      }
    }
    bad.sort(Comparator.comparing(x -> x.member().id()));
    return new BranchCollection(good, goodFrom, missing, bad);
  }
}
