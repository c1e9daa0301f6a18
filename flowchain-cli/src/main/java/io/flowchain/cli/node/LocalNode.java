package io.flowchain.cli.node;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.port.Clock;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.store.rocksdb.StoreCorruptionException;
import io.flowchain.store.rocksdb.StoreOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * One node's ledger over its data directory: opens the store, checks the branch before taking it
 * (refusing a corrupt one, or moving it aside when told to), and opens the {@link Ledger} on it,
 * which closes the blocks left open by an unclean shutdown. Also what {@code bench} uses.
 */
public final class LocalNode implements AutoCloseable {
  /** The network used when none is given: this name, this genesis time, the default table. */
  public static final String DEFAULT_NETWORK_NAME = "flowchain-local";

  public static final long DEFAULT_GENESIS_TIMESTAMP = 1_735_689_600_000L; // 2025-01-01T00:00Z

  public final DataDir dir;
  public final NodeKeyPair keys;
  public final NetworkParams params;
  public final RocksDbStore store;
  public final Ledger ledger;
  public final Timings timings;
  public final VerificationReport startCheck;
  public final Path quarantinedTo;

  /** How long each step of opening took, in milliseconds. */
  public record Timings(long storeOpenMs, long checkMs, long ledgerOpenMs) {
    public long totalMs() {
      return storeOpenMs + checkMs + ledgerOpenMs;
    }
  }

  /** A branch that failed its start check. */
  public static final class CorruptBranchException extends IllegalStateException {
    public CorruptBranchException(String message) {
      super(message);
    }
  }

  private LocalNode(
      DataDir dir,
      NodeKeyPair keys,
      NetworkParams params,
      RocksDbStore store,
      Ledger ledger,
      Timings timings,
      VerificationReport startCheck,
      Path quarantinedTo) {
    this.dir = dir;
    this.keys = keys;
    this.params = params;
    this.store = store;
    this.ledger = ledger;
    this.timings = timings;
    this.startCheck = startCheck;
    this.quarantinedTo = quarantinedTo;
  }

  /**
   * A branch's store, opened and checked, with the network it belongs to: what a node starts on.
   *
   * @param quarantinedTo where a corrupt data directory was moved, or null
   * @param startCheck the check of the branch (null for a new store)
   */
  public record CheckedStore(
      RocksDbStore store,
      NetworkParams params,
      VerificationReport startCheck,
      Path quarantinedTo,
      long storeOpenMs,
      long checkMs) {}

  /**
   * Opens the node in {@code dir}.
   *
   * @param requested the network asked for on the command line, or null to take the store's (or the
   *     default network for a new store)
   * @param scope how much of an existing branch to verify first
   * @param quarantine move a corrupt branch aside and start a fresh one instead of refusing
   * @throws CorruptBranchException if the branch is corrupt and {@code quarantine} is false
   */
  public static LocalNode open(
      DataDir dir,
      Path keyFile,
      NetworkParams requested,
      BranchVerifier.Scope scope,
      boolean quarantine,
      StoreOptions options,
      Clock clock)
      throws IOException {
    NodeKeyPair keys = dir.loadOrCreateKey(keyFile);
    CheckedStore c = openChecked(dir, requested, scope, quarantine, options);
    try {
      long t2 = System.nanoTime();
      Ledger ledger = Ledger.open(c.params(), keys, c.store(), clock, ValidBlockPolicy.mru());
      long t3 = System.nanoTime();
      Timings timings = new Timings(c.storeOpenMs(), c.checkMs(), ms(t3 - t2));
      return new LocalNode(
          dir, keys, c.params(), c.store(), ledger, timings, c.startCheck(), c.quarantinedTo());
    } catch (RuntimeException e) {
      c.store().close();
      throw e;
    }
  }

  /**
   * Opens the store in {@code dir} and checks its branch before anything runs on it: the branch
   * must be of the network asked for (if any), and must verify to {@code scope}. A new store is
   * given the network (the requested one, or the default one) in its metadata.
   *
   * @throws CorruptBranchException if the branch is corrupt and {@code quarantine} is false
   */
  public static CheckedStore openChecked(
      DataDir dir,
      NetworkParams requested,
      BranchVerifier.Scope scope,
      boolean quarantine,
      StoreOptions options)
      throws IOException {
    Path quarantinedTo = null;
    while (true) {
      long t0 = System.nanoTime();
      RocksDbStore store;
      try {
        store = RocksDbStore.open(dir.ledgerDir(), options);
      } catch (StoreCorruptionException e) {
        if (!quarantine || quarantinedTo != null) {
          throw refuse(dir, e.getMessage());
        }
        quarantinedTo = dir.quarantine();
        continue;
      }
      long t1 = System.nanoTime();
      try {
        Optional<NetworkParams> stored = DataDir.network(store);
        NetworkParams params = stored.orElse(requested != null ? requested : defaultNetwork());
        if (stored.isPresent()
            && requested != null
            && !Arrays.equals(stored.get().canonicalBytes(), requested.canonicalBytes())) {
          throw new IllegalArgumentException(
              "the branch in "
                  + dir.root()
                  + " belongs to network '"
                  + stored.get().name()
                  + "', not to the network given ('"
                  + requested.name()
                  + "')");
        }
        VerificationReport report = null;
        String fault = null;
        if (store.height() >= 0) {
          try {
            report = new BranchVerifier(params).verify(BranchSource.of(store), scope);
            if (!report.ok()) {
              fault = report.fault().toString();
            }
          } catch (StoreCorruptionException e) {
            fault = e.getMessage();
          }
        }
        if (fault != null) {
          store.close();
          if (!quarantine || quarantinedTo != null) {
            throw refuse(dir, fault);
          }
          quarantinedTo = dir.quarantine();
          continue;
        }
        long t2 = System.nanoTime();
        if (stored.isEmpty()) {
          store.putMeta(DataDir.META_NETWORK, params.canonicalBytes());
        }
        return new CheckedStore(store, params, report, quarantinedTo, ms(t1 - t0), ms(t2 - t1));
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
  }

  private static CorruptBranchException refuse(DataDir dir, String fault) {
    return new CorruptBranchException(
        "refusing to start: the branch in "
            + dir.root()
            + " is corrupt ("
            + fault
            + "); run 'flowchain verify --data-dir "
            + dir.root()
            + "' for details, or start with --quarantine to move it aside and start a fresh"
            + " branch");
  }

  public static NetworkParams defaultNetwork() {
    return network(DEFAULT_NETWORK_NAME);
  }

  /** A network of this name with the default genesis time and difficulty table. */
  public static NetworkParams network(String name) {
    return NetworkParams.of(name, DEFAULT_GENESIS_TIMESTAMP, java.util.List.of());
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  /** Closes the ledger cleanly (the clean-shutdown marker) and the store. */
  @Override
  public void close() {
    try {
      ledger.close();
    } finally {
      store.close();
    }
  }
}
