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
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Asks the members of the ring one by one, following successor lists: first the peers it starts
 * with, then those that come back in the answers, so the walk goes round the ring however long it
 * is. At most {@code walkParallelism} requests are out at once and {@code walkMaxPeers} peers are
 * asked in all; a peer that does not answer within the request timeout is counted unreachable and
 * skipped. Used for reads that have no key to route by (get by txID, time-series queries), by a
 * node ({@link ClientRequests}) and by a client outside the ring ({@link RemoteClient}). Not
 * thread-safe: runs on the asker's thread.
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
     * left out, or the asker closed.
     *
     * @param answered members that answered
     * @param unreachable members asked that did not answer in time (or before the asker closed)
     * @param unasked members learnt of but not asked, because {@code walkMaxPeers} were asked
     */
    void onDone(int answered, int unreachable, int unasked);
  }

  /** How the walk sends a request and hears its answer: a node's, or a remote client's. */
  interface Asker {
    long newId();

    /**
     * Sends {@code request} (of id {@code id}) to {@code to}; its answer goes to {@code onAnswer},
     * or null if the asker closes before one comes.
     */
    void ask(Peer to, long id, LedgerMessage request, Consumer<LedgerMessage> onAnswer);

    /** Stops listening for the answer to request {@code id}. */
    void forget(long id);

    Cancellable after(long millis, Runnable task);
  }

  private final Asker asker;
  private final NodeConfig config;
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
   * @param config the walk's bounds: {@code walkParallelism}, {@code walkMaxPeers}, {@code
   *     requestTimeoutMillis}
   * @param request the request to send, given its request id
   */
  RingWalk(Asker asker, NodeConfig config, LongFunction<LedgerMessage> request, Visitor visitor) {
    this.asker = asker;
    this.config = config;
    this.request = request;
    this.visitor = visitor;
  }

  /** Starts with {@code first}; {@code self} is never asked. */
  void start(NodeId self, List<Peer> first) {
    seen.add(self);
    enqueue(first);
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
        && out.size() < config.walkParallelism()
        && !queue.isEmpty()
        && asked < config.walkMaxPeers()) {
      Peer p = queue.poll();
      long id = asker.newId();
      asked++;
      out.put(id, p);
      timers.put(id, asker.after(config.requestTimeoutMillis(), () -> timeout(id)));
      asker.ask(p, id, request.apply(id), m -> answer(id, m));
    }
    if (!done && out.isEmpty()) {
      finish(0);
    }
  }

  private void answer(long id, LedgerMessage m) {
    if (m == null) { // the asker closed: nothing still out will be answered
      if (!done) {
        finish(out.size());
      }
      return;
    }
    Peer p = settle(id);
    if (p == null || done) {
      return;
    }
    answered++;
    if (visitor.onAnswer(p, m)) {
      finish(0);
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
    asker.forget(id);
    Cancellable t = timers.remove(id);
    if (t != null) {
      t.cancel();
    }
    return p;
  }

  private void finish(int unanswered) {
    done = true;
    for (Long id : Set.copyOf(out.keySet())) {
      settle(id);
    }
    visitor.onDone(answered, unreachable + unanswered, queue.size());
  }
}
