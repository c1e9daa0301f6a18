package io.flowchain.node;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.RingId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.dht.message.Message;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.collect.BranchCollector;
import io.flowchain.node.message.Approve;
import io.flowchain.node.message.Approved;
import io.flowchain.node.message.BalanceIs;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.BranchRequest;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Found;
import io.flowchain.node.message.Get;
import io.flowchain.node.message.LedgerCodec;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Limits;
import io.flowchain.node.message.MalformedMessageException;
import io.flowchain.node.message.NotFound;
import io.flowchain.node.message.Query;
import io.flowchain.node.message.QueryPage;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.Submit;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A client of a Flowchain network that is not a member of the ring (a command-line tool, a
 * gateway): it hands its requests to one member, the <em>entry node</em>, and takes the answers,
 * which come straight back to its own address as they do to a node (protocol.md §13: {@code
 * RECEIPT}, {@code FOUND}, ... go to the request's origin). It holds nothing and takes no keys.
 *
 * <ul>
 *   <li>{@link #submit}: {@code SUBMIT} routed through the entry node to successor(H_DATA); the
 *       receipt is checked against the submission as a node checks it. Unanswered attempts are sent
 *       again, retryable answers ({@code NOT_OWNER}, {@code BUSY}) are retried until the deadline;
 *       recording is idempotent per data key, so a retry never records twice.
 *   <li>{@link #get(Key)}: {@code GET} routed to the key's successor, then its next r - 1
 *       successors directly.
 *   <li>{@link #get(TxId)} and {@link #query}: a walk of the ring from the entry node, following
 *       the successor lists in the answers.
 * </ul>
 *
 * <p>The transport must authenticate the client to the members (on a permissioned network the
 * client needs a membership certificate of its own) and must be reachable by them at its local
 * peer's address. Its receiver is set by the constructor.
 *
 * <p>Threading: everything runs on {@code scheduler}'s thread; the public methods may be called
 * from any thread and return futures, which complete on that thread.
 */
public final class RemoteClient implements AutoCloseable {
  private final Transport transport;
  private final Scheduler scheduler;
  private final NodeConfig config;
  private final Peer self;
  private final Map<Long, Consumer<Answer>> waiting = new HashMap<>();
  private volatile Peer entry;
  private long nextId;
  private volatile boolean closed;

  /** One answer: the ledger message and the member that sent it. */
  private record Answer(LedgerMessage message, Peer from) {}

  /**
   * A client that sends through {@code entry}, with the timeouts, attempts, back-off and ring-walk
   * bounds of {@code config}.
   */
  public RemoteClient(Transport transport, Scheduler scheduler, Peer entry, NodeConfig config) {
    if (transport == null || scheduler == null || entry == null || config == null) {
      throw new IllegalArgumentException("transport, scheduler, entry node and config are needed");
    }
    this.transport = transport;
    this.scheduler = scheduler;
    this.config = config;
    this.entry = entry;
    this.self = transport.localPeer();
    this.nextId = new SecureRandom().nextLong() >>> 16;
    transport.setReceiver(this::receive);
  }

  /** This client as the members see it. */
  public Peer self() {
    return self;
  }

  /** The member requests go through. */
  public Peer entry() {
    return entry;
  }

  /** Sends the requests started from now on through {@code member}. */
  public void entry(Peer member) {
    this.entry = member;
  }

  // ---- the operations

  /**
   * Submits {@code submission} (its data key is its own H_DATA): the future completes with the
   * recorder's receipt, checked, or fails with a {@link FlowchainException}.
   */
  public CompletableFuture<Receipt> submit(Submission submission) {
    CompletableFuture<Receipt> f = new CompletableFuture<>();
    run(
        f,
        () ->
            new RoutedCall<>(
                    submission.dataKey(),
                    id -> new Submit(id, self, submission),
                    m -> checked(submission, m),
                    f)
                .attempt());
    return f;
  }

  /**
   * Sends an endpoint's signed {@code approval} of {@code record} to the record's recorder (routed
   * to the successor of its data key): the future completes with the approval receipt, checked by
   * {@code rules} (the network's), or fails with a {@link FlowchainException} saying why the
   * approval was refused.
   */
  public CompletableFuture<ApprovalReceipt> approve(
      Approval approval, Record record, ApprovalRules rules) {
    if (!approval.txId().equals(record.txId())) {
      throw new IllegalArgumentException("the approval is not of this record");
    }
    CompletableFuture<ApprovalReceipt> f = new CompletableFuture<>();
    run(
        f,
        () ->
            new RoutedCall<>(
                    approval.dataKey(),
                    id -> new Approve(id, self, approval),
                    m -> checked(approval, record, rules, m),
                    f)
                .attempt());
    return f;
  }

  /** The record with data key {@code key}, from its successor or the rest of its replica set. */
  public CompletableFuture<Optional<Record>> get(Key key) {
    CompletableFuture<Optional<Record>> f = new CompletableFuture<>();
    run(f, () -> new KeyGet(key, f).attempt());
    return f;
  }

  /** The record with txID {@code txId}: a walk of the ring that stops at the first copy. */
  public CompletableFuture<Optional<Record>> get(TxId txId) {
    CompletableFuture<Optional<Record>> f = new CompletableFuture<>();
    run(
        f,
        () ->
            walkRing(
                id -> Get.byTxId(id, self, txId),
                new TxIdSearch(
                    txId,
                    e -> e.problem().isEmpty(),
                    () -> {},
                    new TxIdSearch.Outcome() {
                      @Override
                      public void result(Optional<Record> record) {
                        f.complete(record);
                      }

                      @Override
                      public void doubtful(String why) {
                        f.completeExceptionally(new FlowchainException(FailureReason.TIMEOUT, why));
                      }
                    })));
    return f;
  }

  /**
   * One page of an object's time series across the ring, as {@link FlowchainNode#query(String,
   * long, long, int, Cursor)} gives it: every member is asked and the pages are merged.
   */
  public CompletableFuture<QueryResult> query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    Submission.checkObjectId(objectId);
    if (limit < 1 || limit > Limits.MAX_QUERY_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + Limits.MAX_QUERY_LIMIT + ": " + limit);
    }
    if (fromMillis < 0 || toMillis < 0) {
      throw new IllegalArgumentException("query times must not be negative");
    }
    CompletableFuture<QueryResult> f = new CompletableFuture<>();
    QueryMerge merge = new QueryMerge(limit);
    run(
        f,
        () ->
            walkRing(
                id -> new Query(id, self, objectId, fromMillis, toMillis, limit, after),
                new SeriesWalk(
                    objectId,
                    fromMillis,
                    toMillis,
                    after,
                    merge,
                    e -> e.problem().isEmpty(),
                    () -> {},
                    (m, answered, unanswered) -> {
                      if (answered == 0) {
                        f.completeExceptionally(
                            new FlowchainException(FailureReason.TIMEOUT, "no member answered"));
                      } else {
                        f.complete(m.result(answered, unanswered));
                      }
                    })));
    return f;
  }

  /**
   * A page of {@code member}'s branch (docs/protocol.md §13, {@code BRANCH}), asked of it directly
   * and again when unanswered, at most {@link NodeConfig#FRAME_SAFE_BATCH_BYTES} (or the config's
   * batch size, if smaller). Only an answer from {@code member} itself counts.
   */
  public CompletableFuture<BranchPage> branchPage(Peer member, long fromBlock, long fromRecord) {
    long size = Math.min(config.maxBatchBytes(), NodeConfig.FRAME_SAFE_BATCH_BYTES);
    CompletableFuture<BranchPage> f = new CompletableFuture<>();
    run(
        f,
        () ->
            new DirectCall<>(
                    member,
                    id -> new BranchRequest(id, self, fromBlock, fromRecord, size),
                    m -> m instanceof BranchPage p ? p : null,
                    f)
                .attempt());
    return f;
  }

  /**
   * Collects the branch of every member of the ring (a walk from the entry node, {@link
   * BranchCollector}) for an inventory; the collection says which members did not answer. Verify it
   * ({@link BranchCollection#verified}) before merging it.
   */
  public CompletableFuture<BranchCollection> collectBranches(BranchCollector.Listener listener) {
    return new BranchCollector(
            this::branchPage, config.walkParallelism(), config.walkMaxPeers(), listener)
        .collect(List.of(entry));
  }

  /** Stops: the requests in flight fail with {@code CLOSED}. The transport stays the caller's. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      scheduler.schedule(
          0,
          () -> {
            closed = true;
            for (Consumer<Answer> w : List.copyOf(waiting.values())) {
              w.accept(null);
            }
            waiting.clear();
            done.complete(null);
          });
      done.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      closed = true;
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException
        | java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      closed = true; // the scheduler is gone: nothing of the client runs any more
    }
  }

  // ---- plumbing (on the scheduler's thread)

  private void run(CompletableFuture<?> f, Runnable task) {
    if (closed) {
      f.completeExceptionally(new FlowchainException(FailureReason.CLOSED, "the client is closed"));
      return;
    }
    try {
      scheduler.schedule(
          0,
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new FlowchainException(FailureReason.CLOSED, "the client is closed"));
    }
  }

  private long newId() {
    return ++nextId;
  }

  private void receive(Peer from, ChordMessage message) {
    // hop acknowledgements (CHECK_TTL) and anything else of the ring are not for a client
    if (!(message instanceof Message m) || !m.deliver() || closed) {
      return;
    }
    LedgerMessage lm;
    try {
      lm = LedgerCodec.decode(m.payload());
    } catch (MalformedMessageException e) {
      return;
    }
    Long id = requestIdOf(lm);
    Consumer<Answer> w = id == null ? null : waiting.get(id);
    if (w != null) {
      w.accept(new Answer(lm, from));
    }
  }

  /** The request an answer belongs to; null for what is not an answer. */
  private static Long requestIdOf(LedgerMessage m) {
    if (m instanceof Receipt r) {
      return r.requestId();
    } else if (m instanceof Failure f) {
      return f.requestId();
    } else if (m instanceof Found f) {
      return f.requestId();
    } else if (m instanceof NotFound n) {
      return n.requestId();
    } else if (m instanceof QueryPage p) {
      return p.requestId();
    } else if (m instanceof Approved a) {
      return a.requestId();
    } else if (m instanceof BalanceIs b) {
      return b.requestId();
    } else if (m instanceof BranchPage b) {
      return b.requestId();
    }
    return null;
  }

  private void routed(RingId key, LedgerMessage m) {
    transport.send(entry, new Message(newId(), key, LedgerCodec.encode(m), self, 0, false));
  }

  private void direct(Peer to, RingId key, LedgerMessage m) {
    transport.send(to, new Message(newId(), key, LedgerCodec.encode(m), self, 1, true));
  }

  private Cancellable after(long millis, Runnable task) {
    return scheduler.schedule(millis, task);
  }

  private long now() {
    return scheduler.clock().nowMillis();
  }

  private static FlowchainException closedException() {
    return new FlowchainException(FailureReason.CLOSED, "the client was closed");
  }

  // ---- submit and approve: routed to the owner of a key, tried again as a node does

  /** What to make of an answer that is not a failure: the result, or why it is bad. */
  private interface AnswerCheck<T> {
    /** The result in {@code m}; null if {@code m} is not the answer this call waits for. */
    T accept(LedgerMessage m) throws FlowchainException;
  }

  private final class RoutedCall<T> {
    final RingId key;
    final java.util.function.LongFunction<LedgerMessage> request;
    final AnswerCheck<T> check;
    final CompletableFuture<T> future;
    final long id = newId();
    final long deadline = now() + config.requestTimeoutMillis() * (config.maxAttempts() + 1);
    int attempts;
    int timeouts;
    Cancellable timer;
    FailureReason lastReason = FailureReason.TIMEOUT;
    String lastMessage = "no answer";

    RoutedCall(
        RingId key,
        java.util.function.LongFunction<LedgerMessage> request,
        AnswerCheck<T> check,
        CompletableFuture<T> future) {
      this.key = key;
      this.request = request;
      this.check = check;
      this.future = future;
      waiting.put(id, this::answer);
    }

    void attempt() {
      if (future.isDone()) {
        return;
      }
      attempts++;
      cancel();
      timer =
          after(
              config.requestTimeoutMillis(),
              () -> {
                timeouts++;
                lastReason = FailureReason.TIMEOUT;
                lastMessage =
                    "no answer within "
                        + config.requestTimeoutMillis()
                        + " ms, "
                        + timeouts
                        + " time(s)";
                if (timeouts < config.maxAttempts()) {
                  retryAfter(0);
                } else {
                  fail(lastReason, lastMessage);
                }
              });
      routed(key, request.apply(id));
    }

    void retryAfter(long delay) {
      cancel();
      if (now() + delay >= deadline) {
        fail(lastReason, lastMessage);
        return;
      }
      timer = after(delay, this::attempt);
    }

    void answer(Answer a) {
      if (a == null) {
        finish();
        future.completeExceptionally(closedException());
        return;
      }
      if (future.isDone()) {
        return;
      }
      if (a.message() instanceof Failure f) {
        lastReason = f.reason();
        lastMessage = f.message();
        if (f.reason().retryable()) {
          retryAfter(config.retryBackoffMillis() * Math.min(attempts, 8));
        } else {
          fail(f.reason(), f.message());
        }
        return;
      }
      T result;
      try {
        result = check.accept(a.message());
      } catch (FlowchainException e) {
        finish();
        future.completeExceptionally(e);
        return;
      }
      if (result != null) {
        finish();
        future.complete(result);
      }
    }

    void fail(FailureReason reason, String message) {
      finish();
      future.completeExceptionally(new FlowchainException(reason, message));
    }

    void finish() {
      cancel();
      waiting.remove(id);
    }

    void cancel() {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }
  }

  private static Receipt checked(Submission s, LedgerMessage m) throws FlowchainException {
    if (!(m instanceof Receipt r)) {
      return null;
    }
    Optional<String> problem = r.problem(s);
    if (problem.isPresent()) {
      throw new FlowchainException(
          FailureReason.BAD_ANSWER, "the receipt does not verify: " + problem.get());
    }
    return r;
  }

  private static ApprovalReceipt checked(
      Approval approval, Record record, ApprovalRules rules, LedgerMessage m)
      throws FlowchainException {
    if (!(m instanceof Approved a)) {
      return null;
    }
    ApprovalReceipt r = a.receipt();
    Optional<String> problem =
        !java.util.Arrays.equals(r.approval().toBytes(), approval.toBytes())
            ? Optional.of("it is not the receipt of this approval")
            : !r.recorder().nodeId().equals(record.recorder())
                ? Optional.of("it is not signed by the record's recorder")
                : rules.checkReceipt(r, record, r.recorder()).map(Object::toString);
    if (problem.isPresent()) {
      throw new FlowchainException(
          FailureReason.BAD_ANSWER, "the approval receipt does not verify: " + problem.get());
    }
    return r;
  }

  // ---- one member, asked directly

  private final class DirectCall<T> {
    final Peer member;
    final LongFunction<LedgerMessage> request;
    final AnswerCheck<T> check;
    final CompletableFuture<T> future;
    final long id = newId();
    int attempts;
    Cancellable timer;

    DirectCall(
        Peer member,
        LongFunction<LedgerMessage> request,
        AnswerCheck<T> check,
        CompletableFuture<T> future) {
      this.member = member;
      this.request = request;
      this.check = check;
      this.future = future;
      waiting.put(id, this::answer);
    }

    void attempt() {
      if (future.isDone()) {
        return;
      }
      attempts++;
      if (timer != null) {
        timer.cancel();
      }
      timer =
          after(
              config.requestTimeoutMillis(),
              () -> {
                if (attempts < config.maxAttempts()) {
                  attempt();
                } else {
                  finish();
                  future.completeExceptionally(
                      new FlowchainException(
                          FailureReason.TIMEOUT,
                          member + " did not answer in " + attempts + " attempts"));
                }
              });
      direct(member, member.id(), request.apply(id));
    }

    void answer(Answer a) {
      if (a == null) {
        finish();
        future.completeExceptionally(closedException());
        return;
      }
      if (future.isDone() || !a.from().id().equals(member.id())) {
        return; // only the member asked answers for itself
      }
      if (a.message() instanceof Failure f) {
        finish();
        future.completeExceptionally(new FlowchainException(f.reason(), f.message()));
        return;
      }
      try {
        T result = check.accept(a.message());
        if (result != null) {
          finish();
          future.complete(result);
        }
      } catch (FlowchainException e) {
        finish();
        future.completeExceptionally(e);
      }
    }

    void finish() {
      if (timer != null) {
        timer.cancel();
      }
      waiting.remove(id);
    }
  }

  // ---- get by key

  private final class KeyGet {
    final Key key;
    final CompletableFuture<Optional<Record>> future;
    final long id = newId();
    final Set<NodeId> probing = new HashSet<>();
    int attempts;
    boolean probed;
    Cancellable timer;

    KeyGet(Key key, CompletableFuture<Optional<Record>> future) {
      this.key = key;
      this.future = future;
      waiting.put(id, this::answer);
    }

    void attempt() {
      attempts++;
      arm(
          () -> {
            if (attempts < config.maxAttempts()) {
              attempt();
            } else {
              finish(null, new FlowchainException(FailureReason.TIMEOUT, "no answer for " + key));
            }
          });
      routed(key, Get.byKey(id, self, key));
    }

    void answer(Answer a) {
      if (a == null) {
        finish(null, closedException());
        return;
      }
      if (future.isDone()) {
        return;
      }
      if (a.message() instanceof Found f) {
        if (f.record().dataKey().equals(key) && f.entry().problem().isEmpty()) {
          finish(Optional.of(f.record()), null);
        }
      } else if (a.message() instanceof NotFound nf) {
        if (!probed) {
          probed = true;
          for (Peer p : nf.successors()) {
            if (probing.size() == config.replicas() - 1) {
              break;
            }
            if (!p.id().equals(a.from().id()) && probing.add(p.id())) {
              direct(p, key, Get.byKey(id, self, key));
            }
          }
          if (probing.isEmpty()) {
            finish(Optional.empty(), null);
          } else { // a copy-holder that does not answer may hold the record: not "not found"
            arm(
                () ->
                    finish(
                        null,
                        new FlowchainException(
                            FailureReason.TIMEOUT,
                            "no answer from "
                                + probing.size()
                                + " of the replicas of "
                                + key
                                + " in time; the record may be there")));
          }
        } else if (probing.remove(a.from().id()) && probing.isEmpty()) {
          finish(Optional.empty(), null);
        }
      }
    }

    void arm(Runnable onTimeout) {
      if (timer != null) {
        timer.cancel();
      }
      timer = after(config.requestTimeoutMillis(), onTimeout);
    }

    void finish(Optional<Record> value, Throwable error) {
      if (timer != null) {
        timer.cancel();
      }
      waiting.remove(id);
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    }
  }

  // ---- ring walks

  /** How a ring walk started here asks the members: through the waiting table. */
  private final RingWalk.Asker walkAsker =
      new RingWalk.Asker() {
        @Override
        public long newId() {
          return RemoteClient.this.newId();
        }

        @Override
        public void ask(Peer to, long id, LedgerMessage request, Consumer<LedgerMessage> onAnswer) {
          waiting.put(id, a -> onAnswer.accept(a == null ? null : a.message()));
          direct(to, to.id(), request);
        }

        @Override
        public void forget(long id) {
          waiting.remove(id);
        }

        @Override
        public Cancellable after(long millis, Runnable task) {
          return RemoteClient.this.after(millis, task);
        }
      };

  /** Walks the ring from the entry node with {@code request}. */
  private void walkRing(LongFunction<LedgerMessage> request, RingWalk.Visitor visitor) {
    new RingWalk(walkAsker, config, request, visitor).start(self.id(), List.of(entry));
  }
}
