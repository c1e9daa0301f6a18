package io.flowchain.node;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.approval.ApproverCertificate;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.mining.BatteryInput;
import io.flowchain.core.mining.DifficultyControl;
import io.flowchain.core.mining.DifficultyTable;
import io.flowchain.core.mining.FlowcoinBalanceInput;
import io.flowchain.core.mining.FreeHeapInput;
import io.flowchain.core.mining.Reliability;
import io.flowchain.core.mining.ReliabilityInput;
import io.flowchain.core.mining.SystemResources;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.Cancellable;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.NodeId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.ChordConfig;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;
import io.flowchain.dht.Transport;
import io.flowchain.node.collect.BranchCollection;
import io.flowchain.node.collect.BranchCollector;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.Limits;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.Subscribe;
import io.flowchain.node.replica.InMemoryReplicaStore;
import io.flowchain.node.replica.ReplicaStore;
import io.flowchain.node.replica.RocksDbReplicaStore;
import io.flowchain.store.rocksdb.RocksDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flowchain node embedded in an application: a member of the Chord ring, a miner of its own
 * branch of virtual blocks, the recorder of the data whose keys it owns, and a holder of replicas.
 * Built with {@link #builder()}, as the original SDK's {@code server.start({onstart, onmessage,
 * onquery, ondata, join})}.
 *
 * <p>{@link #submit} turns data into a submission (data key H_DATA), routes it to the successor of
 * its key, which records it in its valid block, makes it durable, replicates it to its next r - 1
 * successors and answers with a signed {@link Receipt}; the future completes once the receipt has
 * been checked (signature, txID formula, block header). {@link #get} and {@link #query} read from
 * any node. See {@code docs/node.md}.
 *
 * <p><b>Threading:</b> the node runs on one thread, its {@link Scheduler}'s (its own, unless one is
 * given to the builder); the public methods of this class are thread-safe and never block (except
 * {@link #close()}). Futures complete, and the callbacks run, on the callback executor (by default
 * one thread of the node's own), never on the node's thread: they may block without stalling the
 * node, but a slow callback delays the ones after it.
 */
public final class FlowchainNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowchainNode.class);
  private static final Bytes NO_SALT = Bytes.of(new byte[Submission.SALT_SIZE]);

  /** The content type {@link #submit(byte[])} uses. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private final NodeKeyPair keys;
  private final Scheduler scheduler;
  private final ExecutorScheduler ownScheduler;
  private final ExecutorService ownCallbackThread;
  private final Transport transport;
  private final LedgerStore store;
  private final ReplicaStore replicas;
  private final boolean ownsStores;
  private final Ledger ledger;
  private final VirtualMiner miner;
  private final ChordNode chord;
  private final LedgerService service;
  private final Callbacks callbacks;
  private final RandomGenerator random;
  private final Peer joinVia;
  private final boolean joinAfterFirstBlock;
  private final String defaultObjectId;
  private final CompletableFuture<FlowchainNode> started = new CompletableFuture<>();
  private Cancellable startPoll;
  private volatile boolean closed;

  private FlowchainNode(Builder b, Setup s) {
    this.keys = s.keys;
    this.scheduler = s.scheduler;
    this.ownScheduler = s.ownScheduler;
    this.ownCallbackThread = s.ownCallbackThread;
    this.store = s.store;
    this.replicas = s.replicas;
    this.ownsStores = s.ownsStores;
    this.random = b.random != null ? b.random : new SplittableRandom(new SecureRandom().nextLong());
    this.joinVia = b.joinVia;
    this.joinAfterFirstBlock = b.config.joinAfterFirstBlock();
    this.defaultObjectId = "node-" + keys.nodeId().toHex().substring(0, 16);
    this.callbacks =
        new Callbacks(
            s.callbackExecutor, b.onStart, b.onMessage, b.onData, b.onQuery, b.onVerified);
    this.ledger = Ledger.open(b.network, keys, store, scheduler.clock(), b.validBlockPolicy);
    LedgerStore branch = store;
    Supplier<Difficulty> difficulty =
        b.difficulty != null
            ? b.difficulty
            : defaultDifficulty(b.network, random, branch::approvalCount, b.resources);
    this.miner =
        new VirtualMiner(ledger, scheduler, difficulty, b.miningTickMillis, b.attemptsPerTick);
    this.transport = s.transport;
    this.service =
        new LedgerService(
            b.config,
            scheduler,
            ledger,
            replicas,
            callbacks,
            random.nextLong() >>> 16,
            keys,
            b.network);
    this.chord = new ChordNode(transport, scheduler, random, b.chordConfig, service);
    service.attach(chord);
  }

  /**
   * The network's table driven by the node's reliability: its Flowcoin balance (the approval
   * receipts of its branch) and its resource readings, weighted 1 each.
   */
  private static Supplier<Difficulty> defaultDifficulty(
      NetworkParams params,
      RandomGenerator random,
      LongSupplier balance,
      List<ReliabilityInput> resources) {
    Reliability.Builder b = Reliability.builder();
    if (resources == null) {
      b.add(new BatteryInput(() -> 1.0), 1)
          .add(new FreeHeapInput(SystemResources.freeHeapFraction(Runtime.getRuntime())), 1);
    } else {
      resources.forEach(r -> b.add(r, 1));
    }
    Reliability reliability = b.add(new FlowcoinBalanceInput(balance), 1).build();
    DifficultyControl control =
        new DifficultyControl(new DifficultyTable(params.difficultyTable()), reliability, random);
    return control::next;
  }

  public static Builder builder() {
    return new Builder();
  }

  private void begin() {
    miner.start();
    if (joinAfterFirstBlock && ledger.validBlock().isEmpty()) {
      startPoll =
          scheduler.scheduleAtFixedRate(
              10,
              20,
              () -> {
                if (!closed && ledger.validBlock().isPresent()) {
                  startPoll.cancel();
                  enterRing();
                }
              });
    } else {
      enterRing();
    }
  }

  private void enterRing() {
    if (joinVia == null) {
      chord.create();
      becameMember();
      return;
    }
    chord.join(joinVia);
    startPoll =
        scheduler.scheduleAtFixedRate(
            10,
            20,
            () -> {
              if (chord.isActive()) {
                startPoll.cancel();
                becameMember();
              }
            });
  }

  private void becameMember() {
    LOG.info("node {} is a member of the ring", chord.self());
    service.recovery.start();
    callbacks.started(this);
    callbacks.complete(started, this);
  }

  // ---- the application's operations

  /**
   * Completes (on the callback executor) once this node is a member of the ring, after its first
   * valid block unless the node is configured otherwise; {@code onStart} runs at the same time.
   */
  public CompletableFuture<FlowchainNode> started() {
    return started;
  }

  /** Submits {@code data} as a reading of this node's own object id, of unknown content type. */
  public CompletableFuture<Receipt> submit(byte[] data) {
    return submit(data, defaultObjectId, DEFAULT_CONTENT_TYPE);
  }

  /**
   * Submits {@code data} of object {@code objectId}: builds the submission (time now, a fresh salt,
   * data key H_DATA) and sends it to the successor of its key. The future completes with the
   * recorder's receipt, checked; or fails with a {@link FlowchainException} saying why (for example
   * {@code NO_VALID_BLOCK}, {@code TIMEOUT}, {@code BUSY} when too many requests are in flight).
   *
   * @throws IllegalArgumentException at once if the object id, content type or size is invalid
   */
  public CompletableFuture<Receipt> submit(byte[] data, String objectId, String contentType) {
    Bytes payload = Bytes.of(data);
    long now = scheduler.clock().nowMillis();
    new Submission(objectId, contentType, payload, now, NO_SALT); // checks the arguments now
    CompletableFuture<Receipt> future = new CompletableFuture<>();
    onNodeThread(
        future,
        () ->
            service.client.submit(
                Submission.of(objectId, contentType, payload, now, random), future));
    return future;
  }

  /** Submits a submission built by the caller (its data key is its own H_DATA). */
  public CompletableFuture<Receipt> submit(Submission submission) {
    CompletableFuture<Receipt> future = new CompletableFuture<>();
    onNodeThread(future, () -> service.client.submit(submission, future));
    return future;
  }

  /**
   * The record with data key {@code dataKey}, from any node: this node's own holdings, else the
   * key's successor, else the rest of the key's replica set. Empty if none of them holds it.
   */
  public CompletableFuture<Optional<Record>> get(Key dataKey) {
    CompletableFuture<Optional<Record>> future = new CompletableFuture<>();
    onNodeThread(future, () -> service.client.getByKey(dataKey, future));
    return future;
  }

  /**
   * The record with txID {@code txId}. A txID does not say where its record lives, so this asks the
   * members round the ring, following successor lists, until one holds it (bounded by the node's
   * {@code walkMaxPeers}); prefer {@link #get(Key)} with the receipt's data key.
   */
  public CompletableFuture<Optional<Record>> get(TxId txId) {
    CompletableFuture<Optional<Record>> future = new CompletableFuture<>();
    onNodeThread(future, () -> service.client.getByTxId(txId, future));
    return future;
  }

  /** The first page (up to 1000 records) of an object's series in {@code [from, to)}. */
  public CompletableFuture<QueryResult> query(String objectId, long fromMillis, long toMillis) {
    return query(objectId, fromMillis, toMillis, Limits.MAX_QUERY_LIMIT, null);
  }

  /**
   * One page of an object's time series across the ring: records with {@code fromMillis <=
   * timestamp < toMillis} in (timestamp, txID) order, after {@code after} (null for the first page;
   * then {@link QueryResult#next()}). The records of an object are spread over the ring by their
   * data keys, so every member is asked (see {@link #get(TxId)}).
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
    CompletableFuture<QueryResult> future = new CompletableFuture<>();
    onNodeThread(
        future, () -> service.client.query(objectId, fromMillis, toMillis, limit, after, future));
    return future;
  }

  // ---- approval and Flowcoin (paper §5.4)

  /**
   * Subscribes this node, as an endpoint's node, to the records of {@code objectId} ({@code "*"}:
   * every object): every member forwards the records it records of that object, unverified, and
   * {@code onRecord} gets each one (checked against its block header) on the callback executor.
   * Every member is told at once (a ring walk) and again every few seconds, so members that join
   * later are told too. Close the returned handle to stop.
   *
   * @throws IllegalArgumentException at once if the object id is invalid
   */
  public AutoCloseable subscribe(String objectId, Consumer<Record> onRecord) {
    if (!Subscribe.ALL.equals(objectId)) {
      Submission.checkObjectId(objectId);
    }
    java.util.Objects.requireNonNull(onRecord, "onRecord");
    CompletableFuture<Void> added = new CompletableFuture<>();
    onNodeThread(
        added,
        () -> {
          service.subscriptions.add(objectId, onRecord);
          added.complete(null);
        });
    return () ->
        onNodeThread(
            new CompletableFuture<>(), () -> service.subscriptions.remove(objectId, onRecord));
  }

  /**
   * Approves {@code record} as the endpoint of key {@code endpoint} holding {@code certificate} (a
   * membership certificate of this network with the role {@code endpoint}): signs the approval now
   * and sends it to the record's recorder. The future completes with the approval receipt (checked)
   * once the recorder and a majority of its replica set confirmed it, or fails with a {@link
   * FlowchainException} saying why ({@code ALREADY_APPROVED}, {@code UNKNOWN_RECORD}, {@code
   * TAMPERED}, {@code UNAUTHORIZED}, {@code BAD_SIGNATURE}, {@code NOT_CONFIRMED}, ...).
   */
  public CompletableFuture<ApprovalReceipt> approve(
      Record record, NodeKeyPair endpoint, ApproverCertificate certificate) {
    return approve(
        Approval.sign(record, scheduler.clock().nowMillis(), endpoint, certificate), record);
  }

  /** Sends an approval signed by the caller; {@code record} is the record it approves. */
  public CompletableFuture<ApprovalReceipt> approve(Approval approval, Record record) {
    if (!approval.txId().equals(record.txId())) {
      throw new IllegalArgumentException("the approval is not of this record");
    }
    CompletableFuture<ApprovalReceipt> future = new CompletableFuture<>();
    onNodeThread(
        future, () -> new ApproveCall(service.client, service, approval, record, future).start());
    return future;
  }

  /** This node's Flowcoin balance: the approval receipts of its branch (thread-safe). */
  public long balance() {
    return store.approvalCount();
  }

  /** The receipt behind this node's coin for record {@code txId}, if it earned one. */
  public Optional<ApprovalReceipt> coin(TxId txId) {
    return store.approval(txId);
  }

  /** The Flowcoin balance of {@code member}, asked of it directly. */
  public CompletableFuture<Long> balanceOf(Peer member) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    onNodeThread(future, () -> new BalanceCall(service.client, service, member, future).start());
    return future;
  }

  /**
   * A page of {@code member}'s branch (docs/protocol.md §13, {@code BRANCH}), asked of it directly
   * and again when unanswered; this node's own branch is read from its store.
   */
  public CompletableFuture<BranchPage> branchPage(Peer member, long fromBlock, long fromRecord) {
    CompletableFuture<BranchPage> future = new CompletableFuture<>();
    onNodeThread(
        future,
        () ->
            new BranchCall(service.client, service, member, fromBlock, fromRecord, future).start());
    return future;
  }

  /**
   * Collects the branch of every member of the ring, this node's included (a ring walk from this
   * node's successor list, {@link BranchCollector}), for an inventory. The collection says which
   * members did not answer; verify it ({@link BranchCollection#verified}) before merging it.
   */
  public CompletableFuture<BranchCollection> collectBranches(BranchCollector.Listener listener) {
    CompletableFuture<BranchCollection> future = new CompletableFuture<>();
    onNodeThread(
        future,
        () -> {
          List<Peer> start = new java.util.ArrayList<>();
          start.add(peer());
          start.addAll(chord().successorList());
          new BranchCollector(
                  this::branchPage,
                  service.config.walkParallelism(),
                  service.config.walkMaxPeers(),
                  listener)
              .collect(start)
              .whenComplete(
                  (c, e) -> {
                    if (e != null) {
                      future.completeExceptionally(e);
                    } else {
                      future.complete(c);
                    }
                  });
        });
    return future;
  }

  private void onNodeThread(CompletableFuture<?> future, Runnable task) {
    if (closed) {
      future.completeExceptionally(
          new FlowchainException(
              io.flowchain.node.message.FailureReason.CLOSED, "the node is closed"));
      return;
    }
    try {
      scheduler.schedule(
          0,
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              callbacks.fail(future, e);
            }
          });
    } catch (RejectedExecutionException e) { // closed meanwhile
      future.completeExceptionally(
          new FlowchainException(
              io.flowchain.node.message.FailureReason.CLOSED, "the node is closed"));
    }
  }

  /**
   * Also tells {@code listener} of every record this node records, once durable, as {@code
   * onMessage} is (on the callback executor). Closing the handle removes it.
   */
  public AutoCloseable addRecordListener(Consumer<Record> listener) {
    return callbacks.addRecordListener(listener);
  }

  /**
   * Also tells {@code listener} of every record of this node's branch that becomes verified, with
   * its stored approval receipt, as {@code onVerified} is (on the callback executor). Closing the
   * handle removes it.
   */
  public AutoCloseable addVerifiedListener(Consumer<ApprovalReceipt> listener) {
    return callbacks.addVerifiedListener(listener);
  }

  /** This node's place in the ring now, read on the node's thread. */
  public CompletableFuture<RingView> ring() {
    CompletableFuture<RingView> future = new CompletableFuture<>();
    onNodeThread(
        future,
        () ->
            callbacks.complete(
                future,
                new RingView(
                    chord.isActive(),
                    chord.self(),
                    chord.predecessor().orElse(null),
                    chord.successorList(),
                    chord.distinctFingers())));
    return future;
  }

  // ---- views

  /** This node as the ring knows it: its id and address. */
  public Peer peer() {
    return chord.self();
  }

  public NodeId id() {
    return keys.nodeId();
  }

  public NodePublicKey publicKey() {
    return keys.publicKey();
  }

  /** The node's branch (thread-safe). */
  public Ledger ledger() {
    return ledger;
  }

  /** The copies of other nodes' records this node holds (thread-safe). */
  public ReplicaStore replicaStore() {
    return replicas;
  }

  public VirtualMiner miner() {
    return miner;
  }

  public NodeStats stats() {
    return service.stats;
  }

  /** The scheduler the node runs on (for its metrics' sampler). */
  Scheduler scheduler() {
    return scheduler;
  }

  /** The store of the node's branch. */
  LedgerStore store() {
    return store;
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return closed;
  }

  /**
   * The Chord node underneath. Not thread-safe: use it only on the node's scheduler thread (tests
   * and simulations that drive the scheduler themselves).
   */
  public ChordNode chord() {
    return chord;
  }

  /**
   * Leaves the ring gracefully (the keys this node owns are copied to its successor), stops mining,
   * fails the requests in flight with {@code CLOSED}, closes the branch cleanly, and releases what
   * the node opened itself (its scheduler, its stores when it opened them from a data directory, an
   * {@link AutoCloseable} transport). With a scheduler given to the builder, call this on that
   * scheduler's thread.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownScheduler != null) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      scheduler.schedule(
          0,
          () -> {
            try {
              shutdown();
              done.complete(null);
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          });
      try {
        done.get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("node shutdown did not finish cleanly", e);
      }
    } else {
      shutdown();
    }
    if (transport instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing the transport failed", e);
      }
    }
    if (ownScheduler != null) {
      ownScheduler.close();
    }
    if (ownsStores) {
      replicas.close();
      store.close();
    }
    if (ownCallbackThread != null) {
      ownCallbackThread.shutdown();
    }
  }

  private void shutdown() {
    if (startPoll != null) {
      startPoll.cancel();
    }
    if (chord.isActive()) {
      chord.leave();
    } else if (!chord.isStopped()) {
      chord.stop();
    }
    service.close();
    miner.close();
    ledger.close();
    if (!started.isDone()) {
      started.completeExceptionally(
          new FlowchainException(
              io.flowchain.node.message.FailureReason.CLOSED, "closed before it started"));
    }
  }

  @Override
  public String toString() {
    return "FlowchainNode[" + chord.self() + "]";
  }

  // ---- building

  /** What {@link Builder#start()} opens before the node exists. */
  private static final class Setup {
    NodeKeyPair keys;
    Scheduler scheduler;
    ExecutorScheduler ownScheduler;
    ExecutorService ownCallbackThread;
    Executor callbackExecutor;
    Transport transport;
    LedgerStore store;
    ReplicaStore replicas;
    boolean ownsStores;
  }

  /**
   * Configures and starts a node. Required: {@link #network} and a transport. Everything else has a
   * default: keys made fresh (or read from {@code DATA_DIR/node.pem}), in-memory stores, the node's
   * own scheduler thread, a new ring (no {@link #join}).
   */
  public static final class Builder {
    private NodeKeyPair keys;
    private NetworkParams network;
    private LedgerStore store;
    private ReplicaStore replicaStore;
    private Path dataDir;
    private Transport transport;
    private TransportFactory transportFactory;
    private Scheduler scheduler;
    private Executor callbackExecutor;
    private RandomGenerator random;
    private ChordConfig chordConfig = ChordConfig.defaults();
    private NodeConfig config = NodeConfig.defaults();
    private ValidBlockPolicy validBlockPolicy = ValidBlockPolicy.mru();
    private long miningTickMillis = VirtualMiner.DEFAULT_TICK_MILLIS;
    private int attemptsPerTick = VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK;
    private Supplier<Difficulty> difficulty;
    private Consumer<FlowchainNode> onStart;
    private Consumer<Record> onMessage;
    private Consumer<Record> onData;
    private Consumer<LedgerMessage> onQuery;
    private Consumer<ApprovalReceipt> onVerified;
    private List<ReliabilityInput> resources;
    private Peer joinVia;

    private Builder() {}

    /** The node's Ed25519 identity (node id = SHA-1 of the public key). */
    public Builder keys(NodeKeyPair keys) {
      this.keys = keys;
      return this;
    }

    /** The network the node belongs to (its genesis). Required. */
    public Builder network(NetworkParams network) {
      this.network = network;
      return this;
    }

    /** The store of the node's branch; the application keeps ownership (and closes it). */
    public Builder store(LedgerStore store) {
      this.store = store;
      return this;
    }

    /** The store of the copies this node holds; the application keeps ownership. */
    public Builder replicaStore(ReplicaStore replicaStore) {
      this.replicaStore = replicaStore;
      return this;
    }

    /**
     * Keeps everything in {@code dir}: the branch in {@code ledger/} (RocksDB), the copies in
     * {@code replicas/}, and, unless {@link #keys} is given, the key in {@code node.pem} (made on
     * first start). The node opens and closes these stores itself.
     */
    public Builder dataDir(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** A transport already made; it must deliver incoming messages on the node's scheduler. */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /** Makes the transport once the keys and the scheduler are known. */
    public Builder transport(TransportFactory factory) {
      this.transportFactory = factory;
      return this;
    }

    /**
     * The scheduler the node runs on (default: a thread of its own). Give one to share a thread or
     * to run in virtual time; then call {@link FlowchainNode#close()} on its thread.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Where futures complete and callbacks run (default: one thread of the node's own). */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = executor;
      return this;
    }

    /**
     * The node's source of randomness (salts, timer phases, request ids, difficulty draws), used on
     * the node's thread only. Default: seeded from {@link SecureRandom}. Seed it for reproducible
     * simulations.
     */
    public Builder random(RandomGenerator random) {
      this.random = random;
      return this;
    }

    public Builder chordConfig(ChordConfig chordConfig) {
      this.chordConfig = chordConfig;
      return this;
    }

    /** The data path's parameters (default {@link NodeConfig#defaults()}). */
    public Builder config(NodeConfig config) {
      this.config = config;
      return this;
    }

    /** r, the copies of each record (default 3); shorthand for the config's replicas. */
    public Builder replicas(int r) {
      this.config = config.withReplicas(r);
      return this;
    }

    /** When the recorder acknowledges (default {@link AckPolicy#RECORDER}). */
    public Builder ackPolicy(AckPolicy policy) {
      this.config = config.withAckPolicy(policy);
      return this;
    }

    public Builder validBlockPolicy(ValidBlockPolicy policy) {
      this.validBlockPolicy = policy;
      return this;
    }

    /** The miner's tick and hash attempts per tick (default 50 ms and 64). */
    public Builder mining(long tickMillis, int attemptsPerTick) {
      this.miningTickMillis = tickMillis;
      this.attemptsPerTick = attemptsPerTick;
      return this;
    }

    /**
     * Picks each block's difficulty (default: the network's table driven by the node's reliability,
     * as {@link DifficultyControl} does).
     */
    public Builder difficulty(Supplier<Difficulty> difficulty) {
      this.difficulty = difficulty;
      return this;
    }

    /** Called once the node is a member of the ring (the original {@code onstart}). */
    public Builder onStart(Consumer<FlowchainNode> callback) {
      this.onStart = callback;
      return this;
    }

    /**
     * Called for every record this node records in its branch, as the successor of its key, once it
     * is durable (the original {@code onmessage}).
     */
    public Builder onMessage(Consumer<Record> callback) {
      this.onMessage = callback;
      return this;
    }

    /**
     * Called for every copy of another node's record delivered to this node and stored (as a
     * replica, or handed over when the ring changed) (the original {@code ondata}).
     */
    public Builder onData(Consumer<Record> callback) {
      this.onData = callback;
      return this;
    }

    /**
     * Called for every read another node asks of this one: a {@code Get} or a {@code Query} (the
     * original {@code onquery}).
     */
    public Builder onQuery(Consumer<LedgerMessage> callback) {
      this.onQuery = callback;
      return this;
    }

    /**
     * Called for every record of this node's branch that became verified: the endpoint approved it,
     * a majority of the replica set confirmed, and the receipt (one Flowcoin) is durable.
     */
    public Builder onVerified(Consumer<ApprovalReceipt> callback) {
      this.onVerified = callback;
      return this;
    }

    /**
     * The resource readings the default difficulty control weighs beside the node's Flowcoin
     * balance (default: battery 1.0 and the JVM's free heap). Inputs must be thread-safe and not
     * block.
     */
    public Builder reliabilityInputs(List<ReliabilityInput> inputs) {
      this.resources = List.copyOf(inputs);
      return this;
    }

    /** Joins the ring that {@code member} belongs to (without this, the node starts a new ring). */
    public Builder join(Peer member) {
      this.joinVia = member;
      return this;
    }

    /**
     * Joins through the member at {@code host:port} whose id is not known. The id is learnt from
     * its answers; a transport that authenticates peers by id needs {@link #join(Peer)}.
     */
    public Builder join(String host, int port) {
      if (host == null || host.isBlank() || port < 1 || port > 65_535) {
        throw new IllegalArgumentException("join needs a host and a port in 1..65535");
      }
      this.joinVia = new Peer(NodeId.of(new byte[NodeId.SIZE]), host + ":" + port);
      return this;
    }

    /**
     * Opens the branch, starts mining and enters the ring (after the first valid block, unless the
     * config says otherwise). Returns at once; {@link FlowchainNode#started()} completes when the
     * node is a member.
     */
    public FlowchainNode start() {
      if (network == null) {
        throw new IllegalStateException("a node needs its network (network(...))");
      }
      if (transport == null && transportFactory == null) {
        throw new IllegalStateException("a node needs a transport (transport(...))");
      }
      if (config.replicas() > chordConfig.successorListSize()) {
        throw new IllegalStateException(
            "replicas ("
                + config.replicas()
                + ") cannot exceed the Chord successor list size ("
                + chordConfig.successorListSize()
                + ")");
      }
      Setup s = new Setup();
      try {
        open(s);
        FlowchainNode node = new FlowchainNode(this, s);
        node.scheduler.schedule(0, node::begin);
        return node;
      } catch (RuntimeException e) {
        release(s);
        throw e;
      }
    }

    private void open(Setup s) {
      s.keys = keys;
      if (dataDir != null) {
        if (store != null || replicaStore != null) {
          throw new IllegalStateException("give either a data directory or stores, not both");
        }
        s.keys = keys != null ? keys : loadOrCreateKey(dataDir.resolve("node.pem"));
        s.store = RocksDbStore.open(dataDir.resolve("ledger"));
        s.ownsStores = true;
        checkNetwork(s.store);
        s.replicas = RocksDbReplicaStore.open(dataDir.resolve("replicas"));
      } else {
        s.store = store != null ? store : new io.flowchain.core.store.InMemoryStore();
        s.replicas = replicaStore != null ? replicaStore : new InMemoryReplicaStore();
      }
      if (s.keys == null) {
        s.keys = NodeKeyPair.generate();
      }
      if (scheduler != null) {
        s.scheduler = scheduler;
      } else {
        s.ownScheduler =
            new ExecutorScheduler("flowchain-node-" + s.keys.nodeId().toHex().substring(0, 8));
        s.scheduler = s.ownScheduler;
      }
      if (callbackExecutor != null) {
        s.callbackExecutor = callbackExecutor;
      } else {
        s.ownCallbackThread =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "flowchain-callbacks");
                  t.setDaemon(true);
                  return t;
                });
        s.callbackExecutor = s.ownCallbackThread;
      }
      s.transport = transport != null ? transport : transportFactory.create(s.keys, s.scheduler);
      if (!s.transport.localPeer().id().equals(s.keys.nodeId())) {
        throw new IllegalArgumentException(
            "the transport's peer id "
                + s.transport.localPeer().id()
                + " is not the node's id "
                + s.keys.nodeId());
      }
    }

    private void checkNetwork(LedgerStore s) {
      Optional<byte[]> stored = s.meta("network");
      if (stored.isEmpty()) {
        s.putMeta("network", network.canonicalBytes());
      } else if (!Arrays.equals(stored.get(), network.canonicalBytes())) {
        throw new IllegalArgumentException(
            "the branch in "
                + dataDir
                + " belongs to another network than '"
                + network.name()
                + "'");
      }
    }

    private static NodeKeyPair loadOrCreateKey(Path file) {
      try {
        if (Files.isRegularFile(file)) {
          return KeyFiles.readKeyPair(file);
        }
        Files.createDirectories(file.getParent());
        NodeKeyPair k = NodeKeyPair.generate();
        KeyFiles.writeKeyPair(file, k);
        return k;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read or write the node key " + file, e);
      }
    }

    private static void release(Setup s) {
      if (s.ownScheduler != null) {
        s.ownScheduler.close();
      }
      if (s.ownCallbackThread != null) {
        s.ownCallbackThread.shutdown();
      }
      if (s.ownsStores) {
        if (s.replicas != null) {
          s.replicas.close();
        }
        if (s.store != null) {
          s.store.close();
        }
      }
    }
  }
}
