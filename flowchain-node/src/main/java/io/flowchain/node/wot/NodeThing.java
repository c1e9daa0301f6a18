package io.flowchain.node.wot;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.LedgerListener;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.FlowchainException;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeStats;
import io.flowchain.node.RingView;
import io.flowchain.wot.ApprovalResult;
import io.flowchain.wot.BlockInfo;
import io.flowchain.wot.NodeInfo;
import io.flowchain.wot.NodeStatus;
import io.flowchain.wot.RecordPage;
import io.flowchain.wot.RingMember;
import io.flowchain.wot.RingMembers;
import io.flowchain.wot.Submitted;
import io.flowchain.wot.ThingEvents;
import io.flowchain.wot.ThingNode;
import io.flowchain.wot.ThingNodeException;
import io.flowchain.wot.ThingNodeException.Kind;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link ThingNode} port over a {@link FlowchainNode}: what the Web of Things layer ({@code
 * flowchain-wot}) serves, answered by the node's SDK. Readings go through the SDK's submit path
 * (route, record, replicate, receipt). The balance is the node's Flowcoins; approvals through the
 * web API are not wired yet: {@link #approve} answers {@code NOT_IMPLEMENTED} (endpoints approve
 * over the ring, {@code flowchain approve}).
 */
public final class NodeThing implements ThingNode, AutoCloseable {
  private final FlowchainNode node;
  private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
  private final List<ThingEvents> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService blockEvents;
  private final AutoCloseable recordListener;
  private final AutoCloseable verifiedListener;

  public NodeThing(FlowchainNode node) {
    this.node = node;
    this.blockEvents =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "flowchain-wot-events");
              t.setDaemon(true);
              return t;
            });
    Executor events = blockEvents;
    node.ledger()
        .addListener(
            new LedgerListener() {
              @Override
              public void onBlockMined(BlockHeader header) {
                // called under the ledger's lock: hand over at once
                try {
                  events.execute(() -> listeners.forEach(l -> l.blockMined(header)));
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                  // the web layer has stopped; the node goes on without it
                }
              }
            });
    this.recordListener = node.addRecordListener(r -> listeners.forEach(l -> l.recordRecorded(r)));
    this.verifiedListener =
        node.addVerifiedListener(r -> listeners.forEach(l -> l.recordVerified(r)));
  }

  @Override
  public NodeInfo info() {
    return new NodeInfo(node.id().toHex(), node.publicKey().toHex(), node.ledger().params().name());
  }

  @Override
  public CompletableFuture<Submitted> submit(String objectId, String contentType, byte[] data) {
    Submission s;
    synchronized (random) {
      s = Submission.of(objectId, contentType, Bytes.of(data), System.currentTimeMillis(), random);
    }
    return mapped(
        node.submit(s).thenApply(r -> new Submitted(r.toRecord(s), r.block(), r.copies())));
  }

  @Override
  public CompletableFuture<Optional<Record>> get(TxId txId) {
    return mapped(node.get(txId));
  }

  @Override
  public CompletableFuture<Optional<Record>> get(Key dataKey) {
    return mapped(node.get(dataKey));
  }

  @Override
  public CompletableFuture<RecordPage> query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    return mapped(
        node.query(objectId, fromMillis, toMillis, limit, after)
            .thenApply(
                q ->
                    new RecordPage(
                        q.records(), q.next(), q.nodesAnswered(), q.nodesUnreachable())));
  }

  @Override
  public List<BlockInfo> blocks(long fromNo, int limit) {
    LedgerStore store = node.ledger().store();
    List<BlockInfo> out = new ArrayList<>();
    for (BlockHeader h : store.headers(fromNo, limit)) {
      out.add(new BlockInfo(h, store.invalidReason(h.no()).map(Enum::name).orElse(null)));
    }
    return out;
  }

  @Override
  public CompletableFuture<NodeStatus> status() {
    return mapped(node.ring().thenApply(this::status));
  }

  private NodeStatus status(RingView ring) {
    OptionalLong valid = node.ledger().validBlock();
    return new NodeStatus(
        node.id().toHex(),
        node.ledger().params().name(),
        ring.member(),
        ring.self().address(),
        ring.predecessor() == null ? null : name(ring.predecessor()),
        ring.successors().stream().map(NodeThing::name).toList(),
        node.ledger().tip().no(),
        valid.isPresent() ? valid.getAsLong() : null,
        node.ledger().store().recordCount(),
        counters(node.stats()));
  }

  /**
   * The members this node knows (predecessor, successor list, fingers), each asked for its balance
   * over the ring: those that answer are alive, the others unreachable (the request's time-out
   * bounds the wait).
   */
  @Override
  public CompletableFuture<RingMembers> ringMembers() {
    return mapped(node.ring()).thenCompose(this::members);
  }

  private CompletableFuture<RingMembers> members(RingView ring) {
    Map<Peer, List<String>> roles = new LinkedHashMap<>();
    Peer self = ring.self();
    ring.successors().forEach(p -> role(roles, self, p, "successor"));
    if (ring.predecessor() != null) {
      role(roles, self, ring.predecessor(), "predecessor");
    }
    ring.fingers().forEach(p -> role(roles, self, p, "finger"));
    boolean whole =
        ring.successors().contains(self)
            || (ring.predecessor() != null && ring.successors().contains(ring.predecessor()));
    List<CompletableFuture<RingMember>> asked = new ArrayList<>();
    roles.forEach(
        (peer, r) ->
            asked.add(
                node.balanceOf(peer)
                    .handle(
                        (balance, e) ->
                            new RingMember(
                                peer.id().toHex(),
                                peer.address(),
                                r,
                                e == null ? RingMember.ALIVE : RingMember.UNREACHABLE,
                                e == null ? balance : null))));
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<RingMember> members = new ArrayList<>();
              members.add(
                  new RingMember(
                      self.id().toHex(),
                      self.address(),
                      List.of(RingMember.SELF),
                      RingMember.SELF,
                      node.balance()));
              asked.forEach(f -> members.add(f.join()));
              return new RingMembers(ring.member(), members, ring.member() && whole);
            });
  }

  private static void role(Map<Peer, List<String>> roles, Peer self, Peer p, String role) {
    if (!p.id().equals(self.id())) {
      List<String> r = roles.computeIfAbsent(p, k -> new ArrayList<>());
      if (!r.contains(role)) {
        r.add(role);
      }
    }
  }

  private static String name(Peer p) {
    return p.id().toHex() + "@" + p.address();
  }

  private static Map<String, Long> counters(NodeStats s) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("submitted", s.submitted());
    m.put("acknowledged", s.acknowledged());
    m.put("failed", s.failed());
    m.put("recorded", s.recorded());
    m.put("copiesStored", s.copiesStored());
    m.put("noValidBlock", s.noValidBlock());
    m.put("refusedBusy", s.refusedBusy());
    m.put("readsServed", s.readsServed());
    return m;
  }

  @Override
  public OptionalLong balance() {
    return OptionalLong.of(node.balance());
  }

  @Override
  public CompletableFuture<ApprovalResult> approve(Approval approval) {
    return mapped(
        node.get(approval.txId())
            .thenCompose(
                record ->
                    record.isEmpty()
                        ? CompletableFuture.failedFuture(
                            new ThingNodeException(
                                Kind.INVALID_INPUT,
                                "UNKNOWN_RECORD: no member holds record " + approval.txId()))
                        : node.approve(approval, record.get()))
            .thenApply(receipt -> new ApprovalResult(true, receipt.confirmations().size())));
  }

  @Override
  public AutoCloseable subscribe(ThingEvents events) {
    listeners.add(events);
    return () -> listeners.remove(events);
  }

  /** The node's failures as the port's. */
  static <T> CompletableFuture<T> mapped(CompletableFuture<T> f) {
    return f.exceptionallyCompose(e -> CompletableFuture.failedFuture(map(e)));
  }

  /** A failure of the node as the port reports it (a {@link ThingNodeException} with its kind). */
  public static Throwable map(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (!(c instanceof FlowchainException f)) {
      return c;
    }
    Kind kind =
        switch (f.reason()) {
          case INVALID_INPUT,
              ALREADY_APPROVED,
              UNKNOWN_RECORD,
              TAMPERED,
              UNAUTHORIZED,
              BAD_SIGNATURE,
              NOT_RECORDER ->
              Kind.INVALID_INPUT;
          case NO_VALID_BLOCK, BUSY, NOT_OWNER, REPLICATION_TIMEOUT, NOT_CONFIRMED, CLOSED ->
              Kind.UNAVAILABLE;
          case TIMEOUT -> Kind.TIMEOUT;
          case BAD_ANSWER -> Kind.BAD_GATEWAY;
          case INTERNAL -> Kind.INTERNAL;
        };
    return new ThingNodeException(kind, f.reason() + ": " + f.getMessage(), f);
  }

  @Override
  public void close() {
    try {
      recordListener.close();
      verifiedListener.close();
    } catch (Exception e) {
      // nothing more to remove
    }
    blockEvents.shutdownNow();
  }
}
