package io.flowchain.node;

import io.flowchain.core.approval.ApprovalRules;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.Scheduler;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.ChordListener;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.node.collect.BranchPages;
import io.flowchain.node.message.Approve;
import io.flowchain.node.message.Approved;
import io.flowchain.node.message.Balance;
import io.flowchain.node.message.BalanceIs;
import io.flowchain.node.message.BranchPage;
import io.flowchain.node.message.BranchRequest;
import io.flowchain.node.message.Confirm;
import io.flowchain.node.message.Confirmed;
import io.flowchain.node.message.Failure;
import io.flowchain.node.message.Found;
import io.flowchain.node.message.Get;
import io.flowchain.node.message.LedgerCodec;
import io.flowchain.node.message.LedgerMessage;
import io.flowchain.node.message.MalformedMessageException;
import io.flowchain.node.message.NotFound;
import io.flowchain.node.message.Query;
import io.flowchain.node.message.QueryPage;
import io.flowchain.node.message.Receipt;
import io.flowchain.node.message.Receipts;
import io.flowchain.node.message.RecordAndBlock;
import io.flowchain.node.message.Recorded;
import io.flowchain.node.message.ReplicaAck;
import io.flowchain.node.message.Replicate;
import io.flowchain.node.message.Submit;
import io.flowchain.node.message.Subscribe;
import io.flowchain.node.message.Subscribed;
import io.flowchain.node.message.Transfer;
import io.flowchain.node.message.VerifiedSignatures;
import io.flowchain.node.replica.ReplicaStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path of one node above its Chord node: decodes the ledger messages that the ring
 * delivers and hands them to the recorder, the client requests, the replication or the read
 * service; moves copies when the ring changes (the {@link ChordListener} hooks).
 *
 * <p>Not thread-safe: like the Chord node, it runs on the node's scheduler thread only. Work that
 * completes elsewhere (durable writes) comes back through {@link #later}.
 */
final class LedgerService implements ChordListener {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);

  final NodeConfig config;
  final Scheduler scheduler;
  final Ledger ledger;
  final ReplicaStore replicas;
  final Callbacks callbacks;

  /** The header and record signatures this node has verified (each verified once). */
  final VerifiedSignatures verified = VerifiedSignatures.forNode();

  final NodeStats stats = new NodeStats();
  final LocalReads reads;
  final ClientRequests client;
  final Recorder recorder;
  final Replication replication;
  final NodeKeyPair keys;
  final ApprovalRules rules;
  final SubscriberRegistry subscribers = new SubscriberRegistry();
  final Subscriptions subscriptions;
  final Approvals approvals;
  final UncleanRecovery recovery;
  final IncomingCopies copies;
  private ChordNode chord;
  private long nextId;
  private List<Peer> targets = List.of();
  private boolean closed;

  LedgerService(
      NodeConfig config,
      Scheduler scheduler,
      Ledger ledger,
      ReplicaStore replicas,
      Callbacks callbacks,
      long firstId,
      NodeKeyPair keys,
      NetworkParams params) {
    this.keys = keys;
    this.rules = new ApprovalRules(params);
    this.config = config;
    this.scheduler = scheduler;
    this.ledger = ledger;
    this.replicas = replicas;
    this.callbacks = callbacks;
    this.nextId = firstId;
    this.reads = new LocalReads(ledger, replicas);
    this.client = new ClientRequests(this);
    this.recorder = new Recorder(this);
    this.replication = new Replication(this);
    this.subscriptions = new Subscriptions(this);
    this.approvals = new Approvals(this);
    this.recovery = new UncleanRecovery(this);
    this.copies = new IncomingCopies(this);
  }

  void attach(ChordNode chord) {
    this.chord = chord;
  }

  // ---- shared helpers

  ChordNode chord() {
    return chord;
  }

  Peer self() {
    return chord.self();
  }

  long now() {
    return scheduler.clock().nowMillis();
  }

  long newId() {
    return ++nextId;
  }

  boolean closed() {
    return closed;
  }

  boolean isMember() {
    return !closed && chord.isActive();
  }

  /** Whether this node owns {@code key} now: it lies in (predecessor, self]. */
  boolean owns(RingId key) {
    return chord.ownedRange().contains(key);
  }

  /**
   * Where this node's records are copied: its next r - 1 successors. A node that has a predecessor
   * but no successor yet (it was alone, and its next stabilization will adopt the predecessor) uses
   * the predecessor.
   */
  List<Peer> replicaTargets() {
    List<Peer> set = chord.replicaSet();
    if (set.isEmpty() && chord.predecessor().isPresent()) {
      set = List.of(chord.predecessor().get());
    }
    List<Peer> out = new ArrayList<>(config.replicas() - 1);
    for (Peer p : set) {
      if (out.size() == config.replicas() - 1) {
        break;
      }
      if (!p.id().equals(self().id())) {
        out.add(p);
      }
    }
    return out;
  }

  /** Runs {@code task} on the node's thread, after what is already due. */
  void later(Runnable task) {
    scheduler.schedule(0, () -> guarded(task));
  }

  void route(RingId key, LedgerMessage m) {
    if (running()) {
      chord.route(key, LedgerCodec.encode(m));
    }
  }

  void sendDirect(Peer to, RingId key, LedgerMessage m) {
    if (running()) {
      chord.sendDirect(to, key, LedgerCodec.encode(m));
    }
  }

  /** Sends an answer to the node that asked. */
  void answer(Peer origin, RingId key, LedgerMessage m) {
    sendDirect(origin, key, m);
  }

  private boolean running() {
    return !closed && chord != null && !chord.isStopped();
  }

  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      stats.errors++;
      LOG.warn("node task failed", e);
    }
  }

  // ---- incoming messages

  @Override
  public void onMessage(RingId key, byte[] payload, Peer origin) {
    if (closed) {
      return;
    }
    LedgerMessage m;
    try {
      m = LedgerCodec.decode(payload);
    } catch (MalformedMessageException e) {
      stats.malformedMessages++;
      LOG.debug("dropped a malformed message from {}: {}", origin, e.getMessage());
      return;
    }
    guarded(() -> dispatch(key, m, origin));
  }

  private void dispatch(RingId key, LedgerMessage m, Peer origin) {
    switch (m.kind()) {
      case SUBMIT -> recorder.onSubmit(key, (Submit) m);
      case RECEIPT -> client.onAnswer(((Receipt) m).requestId(), m, origin);
      case FAILURE -> client.onAnswer(((Failure) m).requestId(), m, origin);
      case FOUND -> client.onAnswer(((Found) m).requestId(), m, origin);
      case NOT_FOUND -> client.onAnswer(((NotFound) m).requestId(), m, origin);
      case QUERY_PAGE -> client.onAnswer(((QueryPage) m).requestId(), m, origin);
      case REPLICATE -> {
        Replicate r = (Replicate) m;
        copies.store(origin, r.batchId(), r.entries(), stored -> {});
      }
      case TRANSFER -> {
        Transfer t = (Transfer) m;
        copies.store(
            origin,
            t.batchId(),
            t.entries(),
            keptForTheRing(t.reason()) ? this::copyToReplicaSet : stored -> {});
      }
      case REPLICA_ACK -> replication.onAck((ReplicaAck) m, origin);
      case GET -> serveGet((Get) m);
      case QUERY -> serveQuery((Query) m);
      case SUBSCRIBE -> {
        Subscribe s = (Subscribe) m;
        subscribers.add(s.subscriber(), s.objectId(), now() + s.ttlMillis());
        answer(s.subscriber(), self().id(), new Subscribed(s.requestId(), chord.successorList()));
      }
      case SUBSCRIBED -> client.onAnswer(((Subscribed) m).requestId(), m, origin);
      case RECORDED -> subscriptions.onRecorded((Recorded) m, origin);
      case APPROVE -> approvals.onApprove(key, (Approve) m);
      case CONFIRM -> approvals.onConfirm((Confirm) m);
      case CONFIRMED -> client.onAnswer(((Confirmed) m).requestId(), m, origin);
      case APPROVED -> client.onAnswer(((Approved) m).requestId(), m, origin);
      case RECEIPTS -> approvals.onReceipts((Receipts) m, origin);
      case BALANCE -> {
        Balance b = (Balance) m;
        answer(
            b.origin(),
            self().id(),
            new BalanceIs(b.requestId(), self().id(), ledger.store().approvalCount()));
      }
      case BALANCE_IS -> client.onAnswer(((BalanceIs) m).requestId(), m, origin);
      case BRANCH -> {
        BranchRequest b = (BranchRequest) m;
        stats.branchPagesServed++;
        answer(
            b.origin(),
            self().id(),
            BranchPages.answer(ledger.store(), b, config.maxBatchBytes(), chord.successorList()));
      }
      case BRANCH_PAGE -> client.onAnswer(((BranchPage) m).requestId(), m, origin);
    }
  }

  /** Forwards a record just recorded here to the subscribers of its object (unverified). */
  void forward(RecordAndBlock entry) {
    for (Peer p : subscribers.subscribersOf(entry.record().objectId(), now())) {
      stats.recordsForwarded++;
      sendDirect(p, p.id(), new Recorded(entry.record(), entry.block()));
    }
  }

  /**
   * Whether copies handed over for {@code reason} are kept here as the keys' owner, for a range
   * whose replicas may lack them: a leaving predecessor's holdings (the hand-off to the replica set
   * that follows its leave may have read this node's holdings before they were durable), records
   * recovered from a crashed recorder.
   */
  private static boolean keptForTheRing(Transfer.Reason reason) {
    return reason == Transfer.Reason.LEAVE || reason == Transfer.Reason.RECOVERY;
  }

  /** Copies records newly kept here as their keys' owner on to the replica set. */
  private void copyToReplicaSet(List<RecordAndBlock> stored) {
    for (Peer t : replicaTargets()) {
      replication.transfer(t, Transfer.Reason.REPLICA, stored);
    }
  }

  private void serveGet(Get g) {
    stats.readsServed++;
    callbacks.query(g);
    Optional<RecordAndBlock> e =
        g.dataKey() != null ? reads.byKey(g.dataKey()) : reads.byTxId(g.txId());
    RingId key = g.dataKey() != null ? g.dataKey() : self().id();
    if (e.isPresent()) {
      answer(g.origin(), key, new Found(g.requestId(), e.get().record(), e.get().block()));
    } else {
      answer(g.origin(), key, new NotFound(g.requestId(), chord.successorList()));
    }
  }

  private void serveQuery(Query q) {
    stats.readsServed++;
    callbacks.query(q);
    LocalReads.Page page =
        reads.query(
            q.objectId(),
            q.fromMillis(),
            q.toMillis(),
            q.limit(),
            q.after(),
            config.maxBatchBytes());
    answer(
        q.origin(),
        self().id(),
        QueryPage.of(q.requestId(), page.entries(), page.more(), chord.successorList()));
  }

  // ---- churn: the ring's hooks

  @Override
  public void onKeysHandedOff(KeyRange range, Peer newOwner) {
    if (!closed) {
      replication.handOff(newOwner, Transfer.Reason.JOIN, range);
    }
  }

  @Override
  public void onLeaving(KeyRange range, Peer successor) {
    if (!closed) {
      replication.transfer(successor, Transfer.Reason.LEAVE, holdings(range));
    }
  }

  @Override
  public void onKeysTakenOver(KeyRange range, Peer formerOwner) {
    if (closed) {
      return;
    }
    for (Peer t : replicaTargets()) {
      replication.handOff(t, Transfer.Reason.REPLICA, range);
    }
  }

  @Override
  public void onReplicaSetChanged(List<Peer> successors) {
    if (closed || chord == null) {
      return;
    }
    List<Peer> now = replicaTargets();
    List<Peer> added = new ArrayList<>();
    for (Peer p : now) {
      if (!targets.contains(p)) {
        added.add(p);
      }
    }
    targets = now;
    if (added.isEmpty() || !chord.isActive()) {
      return;
    }
    for (Peer p : added) {
      replication.handOff(p, Transfer.Reason.REPLICA, chord.ownedRange());
    }
  }

  /**
   * Everything this node holds (its branch and its copies) with a data key in {@code range}, read
   * at once: for a node about to close, which cannot wait for a paced {@link Replication#handOff}.
   */
  private List<RecordAndBlock> holdings(KeyRange range) {
    List<RecordAndBlock> out = new ArrayList<>();
    RangeScan scan = reads.scan(range);
    for (List<RecordAndBlock> page = scan.next(256); !page.isEmpty(); page = scan.next(256)) {
      out.addAll(page);
    }
    return out;
  }

  // ---- life cycle

  /** Stops the data path: fails the requests in flight and drops the pending batches. */
  void close() {
    if (closed) {
      return;
    }
    client.closeAll();
    closed = true;
    recorder.clear();
    replication.clear();
    copies.clear();
    approvals.clear();
    subscriptions.clear();
  }
}
