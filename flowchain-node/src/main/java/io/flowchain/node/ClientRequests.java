package io.flowchain.node;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Found;
import io.flowchain.node.message.Get;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.NotFound;
import io.flowchain.node.message.Query;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.Submit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * This node as a client (node N): submissions and reads it started, each with its timeouts,
 * attempts and future. Answers find their request by id. Not thread-safe.
 */
final class ClientRequests {
  /** Takes the answers to one request id. */
  interface Handler {
    void onAnswer(LedgerMessage answer, Peer from);
  }

  private final LedgerService node;
  private final Map<Long, Handler> handlers = new HashMap<>();
  private final Set<Call<?>> calls = new HashSet<>();

  ClientRequests(LedgerService node) {
    this.node = node;
  }

  void register(long id, Handler h) {
    handlers.put(id, h);
  }

  void unregister(long id) {
    handlers.remove(id);
  }

  /** An answer (receipt, failure, found, not found, query page) for request {@code id}. */
  void onAnswer(long id, LedgerMessage answer, Peer from) {
    Handler h = handlers.get(id);
    if (h != null) {
      h.onAnswer(answer, from);
    }
  }

  /** How a ring walk started here asks the members: through this table and the node's timers. */
  private final RingWalk.Asker walkAsker =
      new RingWalk.Asker() {
        @Override
        public long newId() {
          return node.newId();
        }

        @Override
        public void ask(Peer to, long id, LedgerMessage request, Consumer<LedgerMessage> onAnswer) {
          register(id, (m, from) -> onAnswer.accept(m));
          node.sendDirect(to, to.id(), request);
        }

        @Override
        public void forget(long id) {
          unregister(id);
        }

        @Override
        public Cancellable after(long millis, Runnable task) {
          return node.scheduler.schedule(millis, task);
        }
      };

  /** Walks the ring from this node's successors with {@code request}. */
  void walkRing(LongFunction<LedgerMessage> request, RingWalk.Visitor visitor) {
    new RingWalk(walkAsker, node.config, request, visitor)
        .start(node.self().id(), node.chord().successorList());
  }

  /** Fails every request in flight (the node is closing). */
  void closeAll() {
    for (Call<?> c : List.copyOf(calls)) {
      c.fail(FailureReason.CLOSED, "the node was closed");
    }
    handlers.clear();
  }

  // ---- the calls

  /**
   * One request of the application, from start to its future's completion. Subclasses outside this
   * file ({@link ApproveCall}) are made with {@code requests.super(future)}.
   */
  abstract class Call<T> {
    final long id = node.newId();
    final CompletableFuture<T> future;
    final long deadline;
    int attempts;
    int timeouts;
    Cancellable timer;
    boolean done;
    FailureReason lastReason = FailureReason.TIMEOUT;
    String lastMessage = "no answer";

    Call(CompletableFuture<T> future) {
      this.future = future;
      this.deadline =
          node.now() + node.config.requestTimeoutMillis() * (node.config.maxAttempts() + 1);
    }

    /** Admits the call (or fails it at once) and starts it. */
    final void start() {
      if (node.closed()) {
        node.callbacks.fail(future, new FlowchainException(FailureReason.CLOSED, "node closed"));
        return;
      }
      if (calls.size() >= node.config.maxPendingRequests()) {
        node.stats.failed++;
        node.callbacks.fail(
            future,
            new FlowchainException(
                FailureReason.BUSY,
                calls.size() + " requests in flight; retry when some have completed"));
        return;
      }
      calls.add(this);
      register(id, this::answer);
      begin();
    }

    abstract void begin();

    abstract void answer(LedgerMessage m, Peer from);

    /** Runs {@code attempt} once the node is a ring member, or fails when waiting is too long. */
    final void whenMember(Runnable attempt) {
      if (done) {
        return;
      }
      if (node.isMember()) {
        attempt.run();
      } else if (node.now() >= deadline) {
        fail(FailureReason.TIMEOUT, "this node has not joined the ring");
      } else {
        timer =
            node.scheduler.schedule(node.config.retryBackoffMillis(), () -> whenMember(attempt));
      }
    }

    /**
     * Runs {@code attempt} again after {@code delay} (once the node is a member), unless that
     * passes the deadline: then fails with the last reason. A retryable answer (the ring is
     * changing, the recorder is busy) shows the network is alive: such answers are retried until
     * the deadline, with a growing delay; unanswered attempts count against maxAttempts.
     */
    final void retryAfter(long delay, Runnable attempt) {
      cancelTimer();
      if (node.now() + delay >= deadline) {
        fail(lastReason, lastMessage);
        return;
      }
      timer = node.scheduler.schedule(delay, () -> whenMember(attempt));
    }

    final void arm(Runnable onTimeout) {
      cancelTimer();
      timer = node.scheduler.schedule(node.config.requestTimeoutMillis(), onTimeout);
    }

    final void cancelTimer() {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }

    final void complete(T value) {
      if (finish()) {
        node.callbacks.complete(future, value);
      }
    }

    final void fail(FailureReason reason, String message) {
      if (finish()) {
        node.stats.failed++;
        node.callbacks.fail(future, new FlowchainException(reason, message));
      }
    }

    private boolean finish() {
      if (done) {
        return false;
      }
      done = true;
      cancelTimer();
      unregister(id);
      calls.remove(this);
      return true;
    }
  }

  void submit(Submission s, CompletableFuture<Receipt> future) {
    node.stats.submitted++;
    new SubmitCall(s, future).start();
  }

  private final class SubmitCall extends Call<Receipt> {
    final Submission submission;
    final long startedAt = node.now();

    SubmitCall(Submission submission, CompletableFuture<Receipt> future) {
      super(future);
      this.submission = submission;
    }

    @Override
    void begin() {
      whenMember(this::attempt);
    }

    private void attempt() {
      if (done) {
        return;
      }
      attempts++;
      // armed first: the answer may come back before route returns (a node that routes to itself)
      arm(
          () -> {
            timeouts++;
            lastReason = FailureReason.TIMEOUT;
            lastMessage =
                "no answer within "
                    + node.config.requestTimeoutMillis()
                    + " ms, "
                    + timeouts
                    + " time(s)";
            if (timeouts < node.config.maxAttempts()) {
              retryAfter(0, this::attempt);
            } else {
              fail(lastReason, lastMessage);
            }
          });
      node.route(submission.dataKey(), new Submit(id, node.self(), submission));
    }

    @Override
    void answer(LedgerMessage m, Peer from) {
      if (done) {
        return;
      }
      if (m instanceof Receipt r) {
        Optional<String> problem = r.problem(submission, node.verified);
        if (problem.isPresent()) {
          node.stats.badAnswers++;
          fail(FailureReason.BAD_ANSWER, "the receipt does not verify: " + problem.get());
          return;
        }
        node.stats.putAcknowledged(node.now() - startedAt);
        complete(r);
      } else if (m instanceof Failure f) {
        lastReason = f.reason();
        lastMessage = f.message();
        if (f.reason().retryable()) {
          retryAfter(node.config.retryBackoffMillis() * Math.min(attempts, 8), this::attempt);
        } else {
          fail(f.reason(), f.message());
        }
      } else {
        node.stats.badAnswers++;
      }
    }
  }

  void getByKey(Key key, CompletableFuture<Optional<Record>> future) {
    new KeyGet(key, future).start();
  }

  /**
   * A read by data key: what this node holds, else routed to the key's successor, else (when it
   * answers NotFound) asked directly of the next r - 1 successors it names (the key's replica set).
   */
  private final class KeyGet extends Call<Optional<Record>> {
    final Key key;
    final Set<Peer> probing = new HashSet<>();
    boolean probed;

    KeyGet(Key key, CompletableFuture<Optional<Record>> future) {
      super(future);
      this.key = key;
    }

    @Override
    void begin() {
      Optional<RecordAndBlock> local = node.reads.byKey(key);
      if (local.isPresent()) {
        complete(Optional.of(local.get().record()));
        return;
      }
      whenMember(this::attempt);
    }

    private void attempt() {
      if (done) {
        return;
      }
      attempts++;
      arm(
          () -> {
            if (attempts < node.config.maxAttempts() && node.now() < deadline) {
              attempt();
            } else {
              fail(FailureReason.TIMEOUT, "no answer from the owner of " + key);
            }
          });
      node.route(key, Get.byKey(id, node.self(), key));
    }

    @Override
    void answer(LedgerMessage m, Peer from) {
      if (done) {
        return;
      }
      if (m instanceof Found f) {
        if (!f.record().dataKey().equals(key) || f.entry().problem(node.verified).isPresent()) {
          node.stats.badAnswers++;
          return;
        }
        complete(Optional.of(f.record()));
      } else if (m instanceof NotFound nf) {
        if (!probed) {
          probed = true;
          probe(nf.successors());
        } else if (probing.remove(from) && probing.isEmpty()) {
          complete(Optional.empty());
        }
      } else {
        node.stats.badAnswers++;
      }
    }

    private void probe(List<Peer> successors) {
      for (Peer p : successors) {
        if (probing.size() == node.config.replicas() - 1) {
          break;
        }
        if (!p.id().equals(node.self().id())) {
          probing.add(p);
        }
      }
      if (probing.isEmpty()) {
        complete(Optional.empty());
        return;
      }
      // a copy-holder that does not answer may hold the record: that is not "not found"
      arm(
          () ->
              fail(
                  FailureReason.TIMEOUT,
                  "no answer from "
                      + probing.size()
                      + " of the replicas of "
                      + key
                      + " in time; the record may be there"));
      for (Peer p : List.copyOf(probing)) {
        node.sendDirect(p, key, Get.byKey(id, node.self(), key));
      }
    }
  }

  void getByTxId(TxId txId, CompletableFuture<Optional<Record>> future) {
    new TxGet(txId, future).start();
  }

  /** A read by txID: what this node holds, else a ring walk that stops at the first copy. */
  private final class TxGet extends Call<Optional<Record>> {
    final TxId txId;

    TxGet(TxId txId, CompletableFuture<Optional<Record>> future) {
      super(future);
      this.txId = txId;
    }

    @Override
    void begin() {
      Optional<RecordAndBlock> local = node.reads.byTxId(txId);
      if (local.isPresent()) {
        complete(Optional.of(local.get().record()));
        return;
      }
      whenMember(this::walk);
    }

    private void walk() {
      walkRing(
          sub -> Get.byTxId(sub, node.self(), txId),
          new TxIdSearch(
              txId,
              e -> e.problem(node.verified).isEmpty(),
              () -> node.stats.badAnswers++,
              new TxIdSearch.Outcome() {
                @Override
                public void result(Optional<Record> record) {
                  complete(record);
                }

                @Override
                public void doubtful(String why) {
                  fail(FailureReason.TIMEOUT, why);
                }
              }));
    }

    @Override
    void answer(LedgerMessage m, Peer from) {
      // the walk's requests carry their own ids
    }
  }

  void query(
      String objectId,
      long from,
      long to,
      int limit,
      Cursor after,
      CompletableFuture<QueryResult> future) {
    new QueryCall(objectId, from, to, limit, after, future).start();
  }

  /** A time-series query: this node's own page, and every other member's, merged. */
  private final class QueryCall extends Call<QueryResult> {
    final String objectId;
    final long from;
    final long to;
    final int limit;
    final Cursor after;
    final QueryMerge merge;

    QueryCall(
        String objectId,
        long from,
        long to,
        int limit,
        Cursor after,
        CompletableFuture<QueryResult> future) {
      super(future);
      this.objectId = objectId;
      this.from = from;
      this.to = to;
      this.limit = limit;
      this.after = after;
      this.merge = new QueryMerge(limit);
    }

    @Override
    void begin() {
      LocalReads.Page own =
          node.reads.query(objectId, from, to, limit, after, node.config.maxBatchBytes());
      merge.add(own.entries(), own.more());
      whenMember(this::walk);
    }

    private void walk() {
      walkRing(
          sub -> new Query(sub, node.self(), objectId, from, to, limit, after),
          new SeriesWalk(
              objectId,
              from,
              to,
              after,
              merge,
              e -> e.problem(node.verified).isEmpty(),
              () -> node.stats.badAnswers++,
              (m, answered, unanswered) -> complete(m.result(answered + 1, unanswered))));
    }

    @Override
    void answer(LedgerMessage m, Peer from) {
      // the walk's requests carry their own ids
    }
  }
}
