package io.flowchain.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flushes and compactions use direct I/O only where the file system allows it. tmpfs refused
 * O_DIRECT before Linux 6.6; on a newer kernel the first test runs a store with direct I/O there.
 */
class DirectIoTest {
  @TempDir Path temp;

  /** A directory on tmpfs (which refuses O_DIRECT), or the test is skipped. */
  private static Path tmpfsDir() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"));
    return Files.createTempDirectory(shm, "flowchain-direct-io-");
  }

  @Test
  void aStoreOnTmpfsFlushesItsTablesWhateverTheKernelAllows() throws IOException {
    Path dir = tmpfsDir();
    try {
      Fixture f = new Fixture(2, ValidBlockPolicy.mru(), RocksDbStore.open(dir));
      f.miner.tick();
      f.record("s1", 20);
      List<Record> written = f.store.recordsInBlock(1);
      f.ledger.close();
      f.store.close();
      // reopening replays the log and flushes it into table files: the flush RocksDB would fail
      // had it been told to use direct I/O where the file system refuses it
      try (RocksDbStore again = RocksDbStore.open(dir)) {
        assertThat(again.recordsInBlock(1)).isEqualTo(written).hasSize(20);
        assertThat(again.checkIndexes()).isEmpty();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void theProbeLeavesNothingBehind() throws IOException {
    RocksDbHandles.supportsDirectIo(temp);
    try (var files = Files.list(temp)) {
      assertThat(files).isEmpty();
    }
  }
}
