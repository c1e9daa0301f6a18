package io.flowchain.node;

import io.flowchain.core.port.Cancellable;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.LedgerMessage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Asks the members of the ring one by one, following successor lists: first this node's, then those
 * that come back in the answers, so the walk goes round the ring however long it is. At most {@code
 * walkParallelism} requests are out at once and {@code walkMaxPeers} peers are asked in all; a peer
 * that does not answer within the request timeout is counted unreachable and skipped. Used for
 * reads that have no key to route by (get by txID, time-series queries). Not thread-safe.
 */
final class RingWalk {
  /** What the walk does with the answers. */
  interface Visitor {
    /** An answer from {@code peer}; return true to stop the walk here. */
    boolean onAnswer(Peer peer, LedgerMessage answer);

    /** The successors an answer lists, to continue the walk with. */
    List<Peer> successorsIn(LedgerMessage answer);

    /**
     * The walk is over: stopped by {@link #onAnswer}, or every member it learnt of was asked or
     * left out.
     *
     * @param answered members that answered
     * @param unreachable members asked that did not answer in time
     * @param unasked members learnt of but not asked, because {@code walkMaxPeers} were asked
     */
    void onDone(int answered, int unreachable, int unasked);
  }

  private final LedgerService node;
  private final ClientRequests requests;
  private final LongFunction<LedgerMessage> request;
  private final Visitor visitor;
  private final ArrayDeque<Peer> queue = new ArrayDeque<>();
  private final Set<NodeId> seen = new HashSet<>();
  private final Map<Long, Peer> out = new HashMap<>();
  private final Map<Long, Cancellable> timers = new HashMap<>();
  private int asked;
  private int answered;
  private int unreachable;
  private boolean done;

  /**
   * @param request the request to send, given its request id
   */
  RingWalk(
      LedgerService node,
      ClientRequests requests,
      LongFunction<LedgerMessage> request,
      Visitor visitor) {
    this.node = node;
    this.requests = requests;
    this.request = request;
    this.visitor = visitor;
  }

  void start() {
    seen.add(node.self().id());
    enqueue(node.chord().successorList());
    pump();
  }

  private void enqueue(List<Peer> peers) {
    for (Peer p : peers) {
      if (seen.add(p.id())) {
        queue.add(p);
      }
    }
  }

  private void pump() {
    while (!done
        && out.size() < node.config.walkParallelism()
        && !queue.isEmpty()
        && asked < node.config.walkMaxPeers()) {
      Peer p = queue.poll();
      long id = node.newId();
      asked++;
      out.put(id, p);
      requests.register(id, (m, from) -> answer(id, m));
      timers.put(
          id, node.scheduler.schedule(node.config.requestTimeoutMillis(), () -> timeout(id)));
      node.sendDirect(p, p.id(), request.apply(id));
    }
    if (!done && out.isEmpty()) {
      finish();
    }
  }

  private void answer(long id, LedgerMessage m) {
    Peer p = settle(id);
    if (p == null || done) {
      return;
    }
    answered++;
    if (visitor.onAnswer(p, m)) {
      finish();
      return;
    }
    enqueue(visitor.successorsIn(m));
    pump();
  }

  private void timeout(long id) {
    if (settle(id) == null || done) {
      return;
    }
    unreachable++;
    pump();
  }

  private Peer settle(long id) {
    Peer p = out.remove(id);
    requests.unregister(id);
    Cancellable t = timers.remove(id);
    if (t != null) {
      t.cancel();
    }
    return p;
  }

  private void finish() {
    done = true;
    for (Long id : Set.copyOf(out.keySet())) {
      settle(id);
    }
    visitor.onDone(answered, unreachable, queue.size());
  }
}
