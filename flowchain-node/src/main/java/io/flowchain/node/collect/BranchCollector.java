package io.flowchain.node.collect;

import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.BranchPage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Collects every member's branch over the network for the inventory: a walk of the ring that starts
 * from the given members and follows the successor lists in their answers, fetching each member's
 * branch page by page ({@link CollectedBranch}), a few members at a time. A member that does not
 * answer a page (after the page source's retries) is reported {@link Missing}, with the reason;
 * members beyond the walk's bound are reported missing too, never dropped silently. A member whose
 * pages contradict each other is reported {@link Rejected}. Whether the collected branches verify
 * is checked afterwards ({@link BranchCollection#verified}), off the thread that takes the answers.
 *
 * <p>Thread-safe: the page source's futures may complete on any thread.
 */
public final class BranchCollector {
  /** Fetches one page of a member's branch. */
  public interface PageSource {
    /**
     * Asks {@code member} for the page of its branch from record {@code fromRecord} of block {@code
     * fromBlock} on. Implementations try again when unanswered; the future fails (with the reason)
     * when the member does not answer. It may complete on any thread, but not in this call.
     */
    CompletableFuture<BranchPage> page(Peer member, long fromBlock, long fromRecord);
  }

  /** What a collection tells as it goes (for progress); called on the answers' threads. */
  public interface Listener {
    /** A page of {@code member}'s branch was added. */
    default void onPage(Peer member, CollectedBranch branch) {}

    /** A member was found in a successor list, {@code known} members so far. */
    default void onMemberFound(Peer member, int known) {}

    /** {@code member}'s branch is collected, or not ({@code problem} says why). */
    default void onMemberDone(Peer member, String problem) {}
  }

  /** A member that did not answer, and why. */
  public record Missing(Peer member, String reason) {}

  /** A member whose branch was refused, and why. */
  public record Rejected(Peer member, String fault) {}

  private final PageSource source;
  private final int parallelism;
  private final int maxMembers;
  private final Listener listener;
  private final ArrayDeque<Peer> queue = new ArrayDeque<>();
  private final Set<NodeId> seen = new HashSet<>();
  private final Set<Peer> seenAddresses = new HashSet<>();
  private final java.util.Map<NodeId, ArrayDeque<Peer>> otherAddresses = new java.util.HashMap<>();
  private final List<CollectedBranch> branches = new ArrayList<>();
  private final List<Peer> collectedFrom = new ArrayList<>();
  private final List<Missing> missing = new ArrayList<>();
  private final List<Rejected> rejected = new ArrayList<>();
  private final CompletableFuture<BranchCollection> result = new CompletableFuture<>();
  private int active;
  private int asked;
  private boolean started;

  /**
   * A collector that fetches through {@code source}, {@code parallelism} members at a time, and
   * asks at most {@code maxMembers} members.
   */
  public BranchCollector(PageSource source, int parallelism, int maxMembers, Listener listener) {
    if (source == null || listener == null || parallelism < 1 || maxMembers < 1) {
      throw new IllegalArgumentException("a page source, a listener and positive bounds needed");
    }
    this.source = source;
    this.parallelism = parallelism;
    this.maxMembers = maxMembers;
    this.listener = listener;
  }

  /** Collects the branches of {@code start} and of every member the walk finds from them. */
  public CompletableFuture<BranchCollection> collect(List<Peer> start) {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("a collector collects once");
      }
      started = true;
      enqueue(start);
    }
    pump();
    return result;
  }

  /**
   * Queues the members not seen yet. A member named with another address than before (it restarted
   * elsewhere, or a list is stale) is kept aside: that address is tried if the first does not
   * answer, so that one member is collected once at most.
   */
  private void enqueue(List<Peer> peers) {
    for (Peer p : peers) {
      if (!seenAddresses.add(p)) {
        continue;
      }
      if (seen.add(p.id())) {
        queue.add(p);
        listener.onMemberFound(p, seen.size());
      } else {
        otherAddresses.computeIfAbsent(p.id(), id -> new ArrayDeque<>()).add(p);
      }
    }
  }

  private void pump() {
    List<Peer> begin = new ArrayList<>();
    BranchCollection done = null;
    synchronized (this) {
      while (active < parallelism && !queue.isEmpty()) {
        Peer p = queue.poll();
        if (asked == maxMembers) {
          missing.add(
              new Missing(p, "not asked: the walk's bound of " + maxMembers + " members reached"));
          continue;
        }
        asked++;
        active++;
        begin.add(p);
      }
      if (active == 0 && queue.isEmpty() && !result.isDone()) {
        done = snapshot();
      }
    }
    for (Peer p : begin) {
      fetch(p, new CollectedBranch(p.id()));
    }
    if (done != null) {
      result.complete(done);
    }
  }

  private void fetch(Peer member, CollectedBranch branch) {
    long[] at = branch.next().orElseThrow();
    CompletableFuture<BranchPage> f;
    try {
      f = source.page(member, at[0], at[1]);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((page, error) -> onPage(member, branch, page, error));
  }

  private void onPage(Peer member, CollectedBranch branch, BranchPage page, Throwable error) {
    if (error != null) {
      finish(member, branch, "no answer: " + reason(error), false);
      return;
    }
    boolean ok = branch.add(page);
    synchronized (this) {
      enqueue(page.successors());
    }
    if (!ok) {
      finish(member, branch, branch.fault(), true);
      return;
    }
    listener.onPage(member, branch);
    if (branch.next().isPresent()) {
      fetch(member, branch);
    } else {
      finish(member, branch, null, false);
    }
  }

  private void finish(Peer member, CollectedBranch branch, String problem, boolean refused) {
    Peer retry = null;
    synchronized (this) {
      ArrayDeque<Peer> others = otherAddresses.get(member.id());
      if (problem != null && !refused && others != null && !others.isEmpty()) {
        retry = others.poll(); // the same member at another address it was named with
      }
    }
    if (retry != null) {
      fetch(retry, new CollectedBranch(retry.id()));
      return;
    }
    synchronized (this) {
      active--;
      if (problem == null) {
        branches.add(branch);
        collectedFrom.add(member);
      } else if (refused) {
        rejected.add(new Rejected(member, problem));
      } else {
        missing.add(new Missing(member, problem));
      }
    }
    listener.onMemberDone(member, problem);
    pump();
  }

  private static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && (t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private BranchCollection snapshot() {
    List<CollectedBranch> b = new ArrayList<>(branches);
    b.sort(Comparator.comparing(CollectedBranch::member));
    List<Missing> m = new ArrayList<>(missing);
    m.sort(Comparator.comparing(x -> x.member().id()));
    List<Rejected> r = new ArrayList<>(rejected);
    r.sort(Comparator.comparing(x -> x.member().id()));
    List<Peer> from = new ArrayList<>(collectedFrom);
    from.sort(Comparator.comparing(Peer::id));
    return new BranchCollection(b, from, m, r);
  }
}
