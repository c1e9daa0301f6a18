package io.flowchain.cli;

import static io.flowchain.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.cli.CliRun.Result;
import io.flowchain.cli.node.DataDir;
import io.flowchain.cli.node.LocalNode;
import io.flowchain.cli.node.OperatorControl;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.mining.VirtualMiner;
import io.flowchain.core.port.ManualScheduler;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.store.rocksdb.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** verify, get, query and node start on real data directories. */
class StoreCommandsTest {
  static final long T0 = 1_750_000_000_000L;

  @TempDir Path temp;

  /**
   * A node directory with 3 blocks of 10 readings of "s1" each (timestamps T0 + i seconds); block 3
   * is open. Returns the records in order.
   */
  List<Record> makeNode(Path dir) throws Exception {
    ManualScheduler clock = new ManualScheduler(T0);
    List<Record> out = new ArrayList<>();
    try (LocalNode node =
        LocalNode.open(
            new DataDir(dir),
            null,
            null,
            BranchVerifier.Scope.FULL,
            false,
            StoreOptions.DEFAULTS,
            clock)) {
      VirtualMiner miner =
          new VirtualMiner(node.ledger, clock, () -> Difficulty.leadingZeroBits(8), 50, 1_000_000);
      SplittableRandom random = new SplittableRandom(3);
      for (int b = 0; b < 3; b++) {
        assertThat(miner.tick()).isPresent();
        for (int i = 0; i < 10; i++) {
          long ts = T0 + 1000L * out.size();
          Submission s =
              Submission.of(
                  "s1", "application/json", Bytes.utf8("{\"t\":" + out.size() + "}"), ts, random);
          out.add(node.ledger.record(s).join());
        }
      }
    }
    return out;
  }

  /**
   * Overwrites the stored value of record {@code seq} of block {@code no} with one byte flipped.
   */
  static void flipRecordByte(Path dir, long no, int seq, int fromEnd) throws Exception {
    Path ledger = dir.resolve(DataDir.LEDGER);
    try (DBOptions o = new DBOptions()) {
      List<byte[]> names = RocksDB.listColumnFamilies(new org.rocksdb.Options(), ledger.toString());
      List<ColumnFamilyDescriptor> ds = new ArrayList<>();
      for (byte[] n : names) {
        ds.add(new ColumnFamilyDescriptor(n));
      }
      List<ColumnFamilyHandle> hs = new ArrayList<>();
      try (RocksDB db = RocksDB.open(o, ledger.toString(), ds, hs)) {
        ColumnFamilyHandle records = null;
        for (int i = 0; i < names.size(); i++) {
          if (new String(names.get(i), StandardCharsets.UTF_8).equals("records")) {
            records = hs.get(i);
          }
        }
        byte[] key = new byte[12];
        for (int i = 0; i < 8; i++) {
          key[i] = (byte) (no >>> (56 - 8 * i));
        }
        key[11] = (byte) seq;
        byte[] v = db.get(records, key);
        v[v.length - fromEnd] ^= 0x01;
        db.put(records, key, v);
        hs.forEach(ColumnFamilyHandle::close);
      }
    }
  }

  @Test
  void verifyPassesOnAGoodBranchAndSaysSoInJson() throws Exception {
    Path dir = temp.resolve("node");
    makeNode(dir);
    Result r = run("verify", "--data-dir", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("\nblocks: 4\nrecords: 30\nsealedRecords: 20\nunsealedRecords: 10\n")
        .contains("\nok: true\n");
    Result j = run("verify", "--data-dir", dir.toString(), "--json");
    JsonNode n = Json.MAPPER.readTree(j.out());
    assertThat(n.get("ok").asBoolean()).isTrue();
    assertThat(n.get("records").asLong()).isEqualTo(30);
    assertThat(n.get("network").asText()).isEqualTo(LocalNode.DEFAULT_NETWORK_NAME);
  }

  @Test
  void verifyFindsAFlippedByteAndSaysPreciselyWhere() throws Exception {
    Path dir = temp.resolve("node");
    List<Record> records = makeNode(dir);
    flipRecordByte(dir, 2, 4, 70); // a payload byte of the 5th record of block 2
    Record victim = records.get(14);
    Result r = run("verify", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("\nok: false\n")
        .contains("\nfault: RECORD_DATA_KEY at block 2, record " + victim.txId() + ": data key");
    JsonNode n = Json.MAPPER.readTree(run("verify", "--data-dir", dir.toString(), "--json").out());
    assertThat(n.get("ok").asBoolean()).isFalse();
    assertThat(n.get("faultBlock").asLong()).isEqualTo(2);
    assertThat(n.get("faultTxId").asText()).isEqualTo(victim.txId().toHex());
  }

  @Test
  void verifyOfSomethingThatIsNoStoreIsBadUsage() {
    Result r = run("verify", "--data-dir", temp.resolve("nothing").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no data directory");
    Result s = run("verify", "--data-dir", temp.toString(), "--scope", "sideways");
    assertThat(s.exit()).isEqualTo(2);
  }

  @Test
  void aNodeRefusesACorruptBranchAndQuarantinesItWhenTold() throws Exception {
    Path dir = temp.resolve("node");
    makeNode(dir);
    flipRecordByte(dir, 3, 2, 70); // block 3 is open: the start check reads it
    Result refused = run("node", "start", "--data-dir", dir.toString(), "--run-for", "0");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("refusing to start").contains("RECORD_DATA_KEY at block 3");
    assertThat(dir.resolve("ledger")).exists();

    Result started =
        run("node", "start", "--data-dir", dir.toString(), "--quarantine", "--run-for", "0");
    assertThat(started.exit()).as(started.err()).isZero();
    assertThat(started.out()).contains("moved the corrupt data directory to").contains("stopped");
    List<Path> siblings;
    try (Stream<Path> s = Files.list(temp)) {
      siblings = s.filter(p -> p.getFileName().toString().startsWith("node.corrupt-")).toList();
    }
    assertThat(siblings).hasSize(1);
    assertThat(siblings.get(0).resolve("ledger")).exists();
    // the key came along: the fresh branch is the same node's
    assertThat(dir.resolve("node.pem"))
        .hasSameTextualContentAs(siblings.get(0).resolve("node.pem"));
    JsonNode n = Json.MAPPER.readTree(run("verify", "--data-dir", dir.toString(), "--json").out());
    assertThat(n.get("ok").asBoolean()).isTrue();
    assertThat(n.get("records").asLong()).isZero();
  }

  @Test
  void aNodeRestartedAfterACleanStopKeepsItsRecords() throws Exception {
    Path dir = temp.resolve("node");
    makeNode(dir);
    Result r = run("node", "start", "--data-dir", dir.toString(), "--run-for", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 blocks, 30 records");
    Result other =
        run(
            "node",
            "start",
            "--data-dir",
            dir.toString(),
            "--network-name",
            "elsewhere",
            "--run-for",
            "0");
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("belongs to network 'flowchain-local'");
  }

  @Test
  void theOperatorsFileClosesTheOpenBlock() throws Exception {
    Path dir = temp.resolve("node");
    makeNode(dir);
    ManualScheduler clock = new ManualScheduler(T0 + 100_000);
    try (LocalNode node =
        LocalNode.open(
            new DataDir(dir),
            null,
            null,
            BranchVerifier.Scope.HEADERS_AND_UNSEALED,
            false,
            StoreOptions.DEFAULTS,
            clock)) {
      VirtualMiner miner =
          new VirtualMiner(node.ledger, clock, () -> Difficulty.leadingZeroBits(8), 50, 1_000_000);
      assertThat(miner.tick()).isPresent(); // block 4 seals block 3
      OperatorControl control = new OperatorControl(node.dir, node.ledger);
      assertThat(control.check()).isFalse();
      assertThat(node.ledger.validBlock()).hasValue(4);
      Files.createFile(dir.resolve(OperatorControl.FILE));
      assertThat(control.check()).isTrue();
      assertThat(node.ledger.validBlock()).isEmpty();
      assertThat(dir.resolve(OperatorControl.FILE)).doesNotExist();
      node.store.flush();
      assertThat(node.store.invalidReason(4))
          .hasValue(io.flowchain.core.ledger.InvalidReason.OPERATOR);
    }
  }

  @Test
  void getPrintsOneRecordByTxId() throws Exception {
    Path dir = temp.resolve("node");
    List<Record> records = makeNode(dir);
    Record r7 = records.get(7);
    Result text = run("get", r7.txId().toHex(), "--data-dir", dir.toString());
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("txID:        " + r7.txId()).contains("payload:     {\"t\":7}");
    JsonNode n =
        Json.MAPPER.readTree(
            run("get", r7.txId().toHex(), "--data-dir", dir.toString(), "--json").out());
    assertThat(n.toString()).contains(r7.txId().toHex());
    Result missing = run("get", "00".repeat(32), "--data-dir", dir.toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no record with txID");
    assertThat(run("get", "xyz", "--data-dir", dir.toString()).exit()).isEqualTo(2);
  }

  @Test
  void queryReturnsTheRangeOfAnObjectsSeries() throws Exception {
    Path dir = temp.resolve("node");
    makeNode(dir);
    // readings are 1 s apart from T0: [T0+5 s, T0+17 s) holds readings 5..16
    Result r =
        run(
            "query",
            "--data-dir",
            dir.toString(),
            "--object",
            "s1",
            "--from",
            Long.toString(T0 + 5000),
            "--to",
            java.time.Instant.ofEpochMilli(T0 + 17000).toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode n = Json.MAPPER.readTree(r.out());
    assertThat(n.get("count").asInt()).isEqualTo(12);
    assertThat(n.get("records").get(0).toString()).contains("{\\\"t\\\":5}");
    Result limited = run("query", "--data-dir", dir.toString(), "--object", "s1", "--limit", "4");
    assertThat(limited.out()).contains("4 records (more in the range");
    assertThat(
            run("query", "--data-dir", dir.toString(), "--object", "s1", "--from", "soon").exit())
        .isEqualTo(2);
  }

  @Test
  void benchIngestReportsDurableThroughput() throws Exception {
    Result r =
        run(
            "bench",
            "ingest",
            "--seconds",
            "0.5",
            "--threads",
            "1",
            "--no-limits",
            "--no-half-rate",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode n = Json.MAPPER.readTree(r.out());
    assertThat(n.get("durable").asBoolean()).isTrue();
    assertThat(n.get("recordsPerSecond").asDouble()).isPositive();
    assertThat(n.get("stored").asLong()).isGreaterThanOrEqualTo(n.get("acknowledged").asLong());
  }
}
