package io.flowchain.store.rocksdb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Ledger;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.types.TxId;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.store.rocksdb.RocksDbStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node process (see {@link CrashChild}) is killed with SIGKILL in the middle of a stream of
 * writes; after a restart every record it acknowledged is there, nothing is half-written, the block
 * that was open is labelled {@code UNCLEAN_SHUTDOWN}, and once the next block is mined the whole
 * branch verifies.
 */
class KillDuringWritesTest {
  @TempDir Path temp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
    Path dir = temp.resolve("node");
    // first life: killed after 2,000 acknowledgements
    Set<TxId> acked = runAndKill(dir, 2_000);
    assertThat(acked).hasSizeGreaterThanOrEqualTo(2_000);
    long tipBefore = checkRestart(dir, acked);

    // second life on the same data dir: killed again, later in the stream
    Set<TxId> ackedAgain = runAndKill(dir, 3_000);
    acked.addAll(ackedAgain);
    long tipAfter = checkRestart(dir, acked);
    assertThat(tipAfter).isGreaterThan(tipBefore);
  }

  /** Starts the child, kills it after {@code killAfter} acknowledgements, returns every ack. */
  private Set<TxId> runAndKill(Path dir, int killAfter) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.toString(),
                "1000000",
                "60")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process child = pb.start();
    Set<TxId> acked = new HashSet<>();
    boolean killed = false;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked.add(TxId.parse(line.substring(4)));
          if (!killed && acked.size() == killAfter) {
            // SIGKILL (no shutdown hook, no clean marker); through the handle, which unlike
            // Process.destroyForcibly leaves our end of the pipe open
            child.toHandle().destroyForcibly();
            killed = true;
          }
        }
        // lines already in the pipe when the child died were acknowledged too: keep reading
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(killed).as("the child ran out of work before it was killed").isTrue();
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    return acked;
  }

  /** Reopens after the kill and checks everything; returns the tip's number after the restart. */
  private long checkRestart(Path dir, Set<TxId> acked) {
    try (RocksDbStore store = RocksDbStore.open(dir)) {
      // nothing half-written: every record decodes and has exactly its index entries
      assertThat(store.checkIndexes()).isEmpty();
      for (TxId tx : acked) {
        assertThat(store.record(tx)).as("acknowledged record %s", tx).isPresent();
      }
      long tip = store.height();
      assertThat(store.invalidReason(tip)).isEmpty();

      ManualScheduler scheduler = new ManualScheduler(System.currentTimeMillis());
      Ledger ledger =
          Ledger.open(
              CrashScenario.PARAMS, CrashScenario.keys(), store, scheduler, ValidBlockPolicy.mru());
      // the block that was open when the node died is closed, and nothing is valid yet
      assertThat(store.invalidReason(tip)).hasValue(InvalidReason.UNCLEAN_SHUTDOWN);
      assertThat(ledger.validBlock()).isEmpty();
      List<Record> inOpenBlock = store.recordsInBlock(tip);

      VirtualMiner miner =
          new VirtualMiner(ledger, scheduler, () -> CrashScenario.DIFFICULTY, 10, 100_000);
      Optional<BlockHeader> next = miner.tick();
      assertThat(next).as("a block within 100,000 attempts at 6 zero bits").isPresent();
      assertThat(next.get().seal().sealedNo()).isEqualTo(tip);
      assertThat(next.get().seal().reason()).isEqualTo(InvalidReason.UNCLEAN_SHUTDOWN);
      assertThat(next.get().seal().recordCount()).isEqualTo(inOpenBlock.size());
      assertThat(ledger.validBlock()).hasValue(tip + 1);
      ledger.close();

      VerificationReport report =
          new BranchVerifier(CrashScenario.PARAMS).verify(BranchSource.of(store));
      assertThat(report.fault()).isNull();
      assertThat(report.records()).isEqualTo(store.recordCount());
      assertThat(report.records()).isGreaterThanOrEqualTo(acked.size());
      assertThat(report.invalidBlocks()).isGreaterThanOrEqualTo(1);
      List<Long> labelled = new ArrayList<>();
      for (long no = 1; no <= store.height(); no++) {
        if (store.invalidReason(no).isPresent()) {
          labelled.add(no);
        }
      }
      assertThat(labelled).hasSize((int) report.invalidBlocks()).contains(tip);
      return store.height();
    }
  }
}
