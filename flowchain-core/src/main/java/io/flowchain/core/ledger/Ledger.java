package io.flowchain.core.ledger;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.port.Clock;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One node's branch of virtual blocks over a {@link LedgerStore}: records go into the valid block
 * the {@link ValidBlockPolicy} picks, the {@link io.flowchain.core.mining.VirtualMiner} appends
 * blocks through {@link #tryMine}, and each new block seals an earlier one.
 *
 * <p>Thread-safe. Recording signs outside the lock (optimistically, retrying if the block closes
 * meanwhile), so several threads can record in parallel. Nothing here reads the wall clock, sleeps
 * or does I/O except through the injected store and clock.
 */
public final class Ledger implements AutoCloseable {
  static final String META_CLEAN = "clean-shutdown";
  static final String META_WINDOW = "valid-window";

  private final NetworkParams params;
  private final BlockHeader genesis;
  private final NodeKeyPair keys;
  private final LedgerStore store;
  private final Clock clock;
  private final ValidBlockPolicy policy;
  private final List<LedgerListener> listeners = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Key, CompletableFuture<Record>> inFlight =
      new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private BlockHeader tip;
  private Hash tipHash;
  private final ArrayDeque<OpenBlock> open = new ArrayDeque<>();
  private volatile OpenBlock current;
  private boolean closed;

  private Ledger(
      NetworkParams params,
      NodeKeyPair keys,
      LedgerStore store,
      Clock clock,
      ValidBlockPolicy policy) {
    this.params = params;
    this.genesis = Genesis.of(params);
    this.keys = keys;
    this.store = store;
    this.clock = clock;
    this.policy = policy;
  }

  /**
   * Opens the branch kept in {@code store}, or starts one from the network's genesis if the store
   * is empty. If the node did not shut down cleanly last time, every block that was open is
   * labelled {@link InvalidReason#UNCLEAN_SHUTDOWN}: its records stay, and the next blocks seal
   * them.
   */
  public static Ledger open(
      NetworkParams params,
      NodeKeyPair keys,
      LedgerStore store,
      Clock clock,
      ValidBlockPolicy policy) {
    Ledger ledger = new Ledger(params, keys, store, clock, policy);
    ledger.load();
    return ledger;
  }

  private void load() {
    Hash genesisHash = genesis.hash();
    if (store.height() < 0) {
      store.putHeader(genesis);
      store.putMeta(
          META_WINDOW, Integer.toString(policy.window()).getBytes(StandardCharsets.US_ASCII));
      tip = genesis;
      tipHash = genesisHash;
    } else {
      BlockHeader stored = store.header(0).orElseThrow();
      if (!stored.hash().equals(genesisHash)) {
        throw new IllegalStateException(
            "the store holds a branch of another network (genesis "
                + stored.hash()
                + ", this network's is "
                + genesisHash
                + ")");
      }
      int window =
          store
              .meta(META_WINDOW)
              .map(b -> Integer.parseInt(new String(b, StandardCharsets.US_ASCII)))
              .orElse(policy.window());
      if (window != policy.window()) {
        throw new IllegalStateException(
            "this branch was started with a valid-block window of "
                + window
                + " and cannot change it (configured: "
                + policy
                + ")");
      }
      tip = store.header(store.height()).orElseThrow();
      tipHash = tip.hash();
      if (!tip.minerKey().equals(keys.publicKey()) && tip.no() > 0) {
        throw new IllegalStateException(
            "the store holds the branch of node " + tip.minerId() + ", not of " + keys.nodeId());
      }
      long firstOpen = tip.seal().sealedNo() + 1;
      for (long no = Math.max(1, firstOpen); no <= tip.no(); no++) {
        BlockHeader h = store.header(no).orElseThrow();
        OpenBlock b = new OpenBlock(h, h.hash());
        for (Record r : store.recordsInBlock(no)) {
          b.add(r.txId());
        }
        store.invalidReason(no).ifPresent(b::invalidate);
        open.addLast(b);
      }
      boolean clean = store.meta(META_CLEAN).map(v -> v.length == 1 && v[0] == 1).orElse(true);
      if (!clean) {
        for (OpenBlock b : open) {
          invalidateLocked(b, InvalidReason.UNCLEAN_SHUTDOWN);
        }
      }
    }
    store.putMeta(META_CLEAN, new byte[] {0});
    store.flush();
    chooseCurrent();
  }

  public void addListener(LedgerListener listener) {
    listeners.add(listener);
  }

  /**
   * Records {@code submission} in the current valid block, signed by this node. The future
   * completes with the record once it is durable in the store. Submitting the same submission again
   * returns the record already stored, or, while the first is still on its way to disk, the same
   * future: a data key is recorded at most once per branch however the submissions interleave. (The
   * check reads the store by data key, one point read per submission.)
   *
   * @throws NoValidBlockException if the node has no valid block right now
   */
  public CompletableFuture<Record> record(Submission submission) {
    Key key = submission.dataKey();
    CompletableFuture<Record> mine = new CompletableFuture<>();
    CompletableFuture<Record> earlier = inFlight.putIfAbsent(key, mine);
    if (earlier != null) {
      return earlier; // the same submission is being recorded right now
    }
    try {
      Optional<Record> existing = store.recordByKey(key);
      if (existing.isPresent()) {
        inFlight.remove(key, mine);
        mine.complete(existing.get());
        return mine;
      }
      recordNew(submission, key, mine);
      return mine;
    } catch (RuntimeException e) {
      inFlight.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Signs and stores a new record; {@code mine} completes once it is durable. */
  private void recordNew(Submission submission, Key key, CompletableFuture<Record> mine) {
    while (true) {
      OpenBlock block = current;
      if (block == null) {
        throw new NoValidBlockException(
            closed ? "the ledger is closed" : "no valid block yet: waiting for the miner");
      }
      long recordedAt = clock.nowMillis();
      TxId txId = TxHashes.txId(block.hBlock, key);
      byte[] input =
          Record.signingInput(
              txId, key, submission, recordedAt, block.no(), block.hash, keys.nodeId());
      Signature signature = keys.sign(input);
      Record record =
          new Record(
              txId, key, submission, recordedAt, block.no(), block.hash, keys.nodeId(), signature);
      CompletableFuture<Void> durable;
      synchronized (lock) {
        if (!block.acceptsRecords() || closed) {
          continue; // the block was sealed or invalidated meanwhile: try the next one
        }
        // stored first: if the store refuses the record, the block's Merkle root stays as it was
        durable = store.putRecord(record);
        block.add(txId);
      }
      for (LedgerListener l : listeners) {
        l.onRecorded(record);
      }
      durable.whenComplete(
          (v, e) -> {
            // removed only once durable, so a resubmission then finds it in the store
            inFlight.remove(key, mine);
            if (e != null) {
              mine.completeExceptionally(e);
            } else {
              mine.complete(record);
            }
          });
      return;
    }
  }

  /**
   * Tries {@code attempts} nonces from {@code firstNonce} for the next block at {@code timestamp}
   * and {@code difficulty}. On a hit the block is signed, stored and appended, sealing the block
   * {@code window} places below it. Holds the lock for the attempts, so the seal it computes is
   * exactly what the sealed block holds.
   */
  public Optional<BlockHeader> tryMine(
      long timestamp, Difficulty difficulty, long firstNonce, int attempts) {
    if (!params.allowsDifficulty(difficulty)) {
      throw new IllegalArgumentException(
          "difficulty " + difficulty + " is not in the network's table");
    }
    synchronized (lock) {
      if (closed) {
        return Optional.empty();
      }
      long no = tip.no() + 1;
      OpenBlock toSeal = open.size() == policy.window() ? open.peekFirst() : null;
      Seal seal = toSeal == null ? Seal.NONE : toSeal.seal();
      long ts = Math.max(timestamp, tip.timestamp());
      BlockHeader template =
          new BlockHeader(
              no,
              tipHash,
              ts,
              seal,
              difficulty,
              firstNonce,
              keys.nodeId(),
              keys.publicKey(),
              Signature.NONE);
      byte[] bytes = template.unsignedBytes();
      OptionalLong nonce = HeaderHasher.search(bytes, difficulty, firstNonce, attempts);
      if (nonce.isEmpty()) {
        return Optional.empty();
      }
      // the search left the winning nonce in the bytes
      BlockHeader unsigned = BlockHeader.parseUnsigned(bytes);
      Hash hash = unsigned.hash();
      BlockHeader mined = unsigned.withSignature(keys.sign(BlockHeader.signingInput(hash)));
      store.putHeader(mined);
      if (toSeal != null) {
        toSeal.markSealed();
        open.removeFirst();
      }
      open.addLast(new OpenBlock(mined, hash));
      tip = mined;
      tipHash = hash;
      chooseCurrent();
      for (LedgerListener l : listeners) {
        l.onBlockMined(mined);
      }
      return Optional.of(mined);
    }
  }

  /**
   * Labels every open valid block invalid (paper §4.1): none accepts records until the next is
   * mined.
   */
  public void invalidateOpenBlocks(InvalidReason reason) {
    synchronized (lock) {
      for (OpenBlock b : open) {
        invalidateLocked(b, reason);
      }
      chooseCurrent();
    }
  }

  /**
   * Labels the open block {@code no} invalid. Blocks already sealed are closed anyway and cannot be
   * labelled.
   *
   * @throws IllegalArgumentException if block {@code no} is not open
   */
  public void invalidateBlock(long no, InvalidReason reason) {
    synchronized (lock) {
      OpenBlock block =
          open.stream()
              .filter(b -> b.no() == no)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "block " + no + " is not open (sealed or unknown)"));
      invalidateLocked(block, reason);
      chooseCurrent();
    }
  }

  private void invalidateLocked(OpenBlock b, InvalidReason reason) {
    if (b.isValid()) {
      b.invalidate(reason);
      store.putInvalid(b.no(), reason);
      for (LedgerListener l : listeners) {
        l.onInvalidated(b.no(), reason);
      }
    }
  }

  private void chooseCurrent() {
    List<Boolean> valid = new ArrayList<>(open.size());
    for (OpenBlock b : open) {
      valid.add(b.acceptsRecords());
    }
    int i = closed ? -1 : policy.choose(valid);
    current = i < 0 ? null : new ArrayList<>(open).get(i);
  }

  /** The newest block of the branch. */
  public BlockHeader tip() {
    synchronized (lock) {
      return tip;
    }
  }

  /** The block number records go into now, if any block is valid. */
  public OptionalLong validBlock() {
    OpenBlock b = current;
    return b == null ? OptionalLong.empty() : OptionalLong.of(b.no());
  }

  /** A snapshot of the open blocks: number, records so far, invalid reason (null if valid). */
  public List<OpenBlockInfo> openBlocks() {
    synchronized (lock) {
      List<OpenBlockInfo> out = new ArrayList<>();
      for (OpenBlock b : open) {
        out.add(new OpenBlockInfo(b.no(), b.recordCount(), b.invalidReason()));
      }
      return out;
    }
  }

  /** What {@link #openBlocks()} reports about one open block. */
  public record OpenBlockInfo(long no, long records, InvalidReason invalidReason) {}

  public BlockHeader genesis() {
    return genesis;
  }

  public NetworkParams params() {
    return params;
  }

  public NodeKeyPair keys() {
    return keys;
  }

  public LedgerStore store() {
    return store;
  }

  public ValidBlockPolicy policy() {
    return policy;
  }

  /** Stops accepting records and blocks, flushes, and marks the shutdown clean. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      current = null;
    }
    store.flush();
    store.putMeta(META_CLEAN, new byte[] {1});
    store.flush();
  }
}
