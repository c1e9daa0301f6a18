package io.flowchain.wot;

import io.flowchain.core.approval.Approval;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ThingNode} over a real one-node branch (a {@link Ledger} on an in-memory store, every
 * block mined at the easiest difficulty): records are signed and their receipts check out, but
 * there is no ring. Futures complete on a thread of its own, as a node's do.
 */
final class LedgerThingNode implements ThingNode, AutoCloseable {
  private final NetworkParams params =
      new NetworkParams(
          "wot-test", System.currentTimeMillis() - 60_000, List.of(Difficulty.EASIEST), List.of());
  private final NodeKeyPair keys = NodeKeyPair.generate(new SplittableRandom(7));
  private final LedgerStore store = new InMemoryStore();
  private final Ledger ledger =
      Ledger.open(params, keys, store, SystemClock.INSTANCE, ValidBlockPolicy.mru());
  private final SplittableRandom random = new SplittableRandom(11);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final List<ThingEvents> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong nonce = new AtomicLong();
  final AtomicLong submits = new AtomicLong();

  LedgerThingNode() {
    mineBlock();
  }

  /** Mines the next block (and tells the subscribers). */
  synchronized BlockHeader mineBlock() {
    BlockHeader h;
    do {
      h =
          ledger
              .tryMine(System.currentTimeMillis(), Difficulty.EASIEST, nonce.getAndIncrement(), 1)
              .orElse(null);
    } while (h == null);
    BlockHeader mined = h;
    thread.execute(() -> listeners.forEach(l -> l.blockMined(mined)));
    return mined;
  }

  long recordCount() {
    return store.recordCount();
  }

  @Override
  public NodeInfo info() {
    return new NodeInfo(keys.nodeId().toHex(), keys.publicKey().toHex(), params.name());
  }

  @Override
  public CompletableFuture<Submitted> submit(String objectId, String contentType, byte[] data) {
    Submission s;
    synchronized (random) {
      s = Submission.of(objectId, contentType, Bytes.of(data), System.currentTimeMillis(), random);
    }
    submits.incrementAndGet();
    return CompletableFuture.supplyAsync(
        () -> {
          Record r = ledger.record(s).join();
          listeners.forEach(l -> l.recordRecorded(r));
          return new Submitted(r, store.header(r.blockNo()).orElseThrow(), 1);
        },
        thread);
  }

  @Override
  public CompletableFuture<Optional<Record>> get(TxId txId) {
    return CompletableFuture.supplyAsync(() -> store.record(txId), thread);
  }

  @Override
  public CompletableFuture<Optional<Record>> get(Key dataKey) {
    return CompletableFuture.supplyAsync(() -> store.recordByKey(dataKey), thread);
  }

  @Override
  public CompletableFuture<RecordPage> query(
      String objectId, long fromMillis, long toMillis, int limit, Cursor after) {
    return CompletableFuture.supplyAsync(
        () -> {
          LedgerStore.Page p = store.query(objectId, fromMillis, toMillis, limit, after);
          return new RecordPage(p.records(), p.next(), 1, 0);
        },
        thread);
  }

  @Override
  public List<BlockInfo> blocks(long fromNo, int limit) {
    List<BlockInfo> out = new ArrayList<>();
    for (BlockHeader h : store.headers(fromNo, limit)) {
      out.add(new BlockInfo(h, store.invalidReason(h.no()).map(Enum::name).orElse(null)));
    }
    return out;
  }

  @Override
  public CompletableFuture<NodeStatus> status() {
    return CompletableFuture.supplyAsync(
        () ->
            new NodeStatus(
                keys.nodeId().toHex(),
                params.name(),
                true,
                "ws://127.0.0.1:1",
                null,
                List.of(),
                store.height(),
                ledger.validBlock().isPresent() ? ledger.validBlock().getAsLong() : null,
                store.recordCount(),
                Map.of("submitted", submits.get())),
        thread);
  }

  @Override
  public OptionalLong balance() {
    return OptionalLong.empty();
  }

  @Override
  public CompletableFuture<ApprovalResult> approve(Approval approval) {
    return CompletableFuture.failedFuture(
        new ThingNodeException(
            ThingNodeException.Kind.NOT_IMPLEMENTED, "approvals are not implemented yet"));
  }

  @Override
  public AutoCloseable subscribe(ThingEvents events) {
    listeners.add(events);
    return () -> listeners.remove(events);
  }

  @Override
  public void close() {
    thread.shutdownNow();
    ledger.close();
  }
}
