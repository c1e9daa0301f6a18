package io.flowchain.cli.node;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.store.rocksdb.RocksDbStore;
import io.flowchain.store.rocksdb.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A node's data directory: {@code ledger/} holds the RocksDB store, {@code node.pem} the node key
 * when no other key file is given. The network the branch belongs to is kept in the store's
 * metadata under {@value #META_NETWORK} (the canonical bytes of its parameters), so that readers
 * need nothing but the directory.
 */
public final class DataDir {
  public static final String META_NETWORK = "network";
  public static final String LEDGER = "ledger";
  public static final String KEY_FILE = "node.pem";

  private final Path root;

  public DataDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path ledgerDir() {
    return root.resolve(LEDGER);
  }

  public Path defaultKeyFile() {
    return root.resolve(KEY_FILE);
  }

  public boolean hasStore() {
    return RocksDbStore.exists(ledgerDir());
  }

  /** The key in {@code keyFile}, or the directory's own key, generated on first use. */
  public NodeKeyPair loadOrCreateKey(Path keyFile) throws IOException {
    if (keyFile != null) {
      if (!Files.isRegularFile(keyFile)) {
        throw new IllegalArgumentException("no key file " + keyFile);
      }
      return KeyFiles.readKeyPair(keyFile);
    }
    Path own = defaultKeyFile();
    if (Files.isRegularFile(own)) {
      return KeyFiles.readKeyPair(own);
    }
    Files.createDirectories(root);
    NodeKeyPair keys = NodeKeyPair.generate();
    KeyFiles.writeKeyPair(own, keys);
    return keys;
  }

  /**
   * Opens the store for reading beside a node that may be running. The caller closes it; the
   * scratch directory it needs is removed on close of the returned handle.
   */
  public ReadOnly openReadOnly() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("no data directory " + root);
    }
    if (!hasStore()) {
      throw new IllegalArgumentException("no Flowchain store in " + root);
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("flowchain-reader-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return new ReadOnly(RocksDbStore.openReadOnly(ledgerDir(), scratch), scratch);
    } catch (RuntimeException e) {
      deleteTree(scratch);
      throw e;
    }
  }

  /** The network parameters recorded in {@code store}, if any. */
  public static Optional<NetworkParams> network(RocksDbStore store) {
    return store.meta(META_NETWORK).map(NetworkParams::parse);
  }

  /**
   * Moves the whole directory aside as {@code <dir>.corrupt-<timestamp>} and recreates it empty,
   * keeping a copy of the node key if it lived there. Returns where the old directory went.
   */
  public Path quarantine() throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path target = root.resolveSibling(root.getFileName() + ".corrupt-" + stamp);
    for (int i = 1; Files.exists(target); i++) {
      target = root.resolveSibling(root.getFileName() + ".corrupt-" + stamp + "-" + i);
    }
    Files.move(root, target);
    Files.createDirectories(root);
    Path key = target.resolve(KEY_FILE);
    if (Files.isRegularFile(key)) {
      Files.copy(key, defaultKeyFile());
    }
    return target;
  }

  /** Deletes {@code dir} and everything under it. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A read-only store and the scratch directory it uses. */
  public static final class ReadOnly implements AutoCloseable {
    public final RocksDbStore store;
    private final Path scratch;

    ReadOnly(RocksDbStore store, Path scratch) {
      this.store = store;
      this.scratch = scratch;
    }

    /** The network of the branch. */
    public NetworkParams network() {
      return DataDir.network(store)
          .orElseThrow(
              () ->
                  new StoreException(
                      "the store in "
                          + store.directory()
                          + " does not say which network it is of"));
    }

    @Override
    public void close() {
      try {
        store.close();
      } finally {
        deleteTree(scratch);
      }
    }
  }
}
