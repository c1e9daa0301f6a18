package io.flowchain.cli;

import static io.flowchain.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.cli.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes and output. */
class CliTest {

  @Test
  void demoRecordsSealsMergesAndAuditsThenItsFilesVerifyOffline(@TempDir Path dir)
      throws Exception {
    Result demo =
        run(
            "demo",
            "--nodes",
            "3",
            "--records",
            "60",
            "--tick-ms",
            "10",
            "--seed",
            "4",
            "--json",
            "--out-dir",
            dir.toString());
    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(demo.err()).containsPattern("dashboard: http://127\\.0\\.0\\.1:[0-9]+/");
    JsonNode s = demo.json();
    // three nodes over WebSocket; one crashed and restarted midway; nothing acknowledged is lost
    assertThat(s.get("nodes").asInt()).isEqualTo(3);
    assertThat(s.get("killed").asText()).isEqualTo(s.get("perNode").get(2).get("nodeId").asText());
    assertThat(s.get("acknowledged").asLong()).isEqualTo(60);
    assertThat(s.get("retrievable").asLong()).isEqualTo(60);
    assertThat(s.get("lost").asLong()).isZero();
    assertThat(s.get("recorded").asLong()).isEqualTo(60);
    assertThat(s.get("sealedRecords").asLong()).isEqualTo(60);
    assertThat(s.get("mergedRecords").asLong()).isEqualTo(60);
    assertThat(s.get("invalidBlocks").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(s.get("auditOk").asBoolean()).isTrue();
    assertThat(s.get("blocks").asLong()).isGreaterThanOrEqualTo(s.get("mergedBlocks").asLong());
    // the endpoint approved every acknowledged reading: each verified, one coin each
    assertThat(s.get("verified").asLong()).isEqualTo(60);
    assertThat(s.get("coins").asLong()).isEqualTo(60);
    long perNode = 0;
    for (JsonNode n : s.get("perNode")) {
      perNode += n.get("coins").asLong();
    }
    assertThat(perNode).isEqualTo(60);

    Result verify = run("verify", dir.resolve("inventory.fcm").toString(), "--json");
    assertThat(verify.exit()).isZero();
    assertThat(verify.json().get("mergedRecords").asLong()).isEqualTo(60);
    assertThat(verify.json().get("coins").asLong()).isEqualTo(60);

    byte[] bytes = Files.readAllBytes(dir.resolve("inventory.fcm"));
    bytes[bytes.length - 10] ^= 1; // inside the administrator's signature
    Path bad = dir.resolve("bad.fcm");
    Files.write(bad, bytes);
    Result tampered = run("verify", bad.toString(), "--json");
    assertThat(tampered.exit()).isEqualTo(1);
    assertThat(tampered.json().get("fault").asText()).contains("administrator");
  }

  @Test
  void inventoryFromExportsWithTheNetworksAdministratorKey(@TempDir Path dir) throws Exception {
    Result demo =
        run(
            "demo",
            "--nodes",
            "2",
            "--records",
            "20",
            "--tick-ms",
            "10",
            "--keep-running", // ignored with --json (and without a terminal): it exits
            "--json",
            "--out-dir",
            dir.toString());
    assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
    var exports = Files.list(dir).filter(p -> p.toString().endsWith(".fcb")).sorted().toList();
    String[] args = new String[8 + exports.size()];
    args[0] = "inventory";
    args[1] = "--network";
    args[2] = dir.resolve("network.json").toString();
    args[3] = "--admin-key";
    args[4] = dir.resolve("admin.pem").toString();
    args[5] = "--out";
    args[6] = dir.resolve("again.fcm").toString();
    args[7] = "--json";
    for (int i = 0; i < exports.size(); i++) {
      args[8 + i] = exports.get(i).toString();
    }
    Result inv = run(args);
    assertThat(inv.exit()).as(inv.err()).isZero();
    assertThat(inv.json().get("mergedRecords").asLong()).isEqualTo(20);
    assertThat(inv.json().get("coins").asLong()).as("the exports carry the receipts").isEqualTo(20);

    Path stranger = dir.resolve("stranger.pem");
    assertThat(run("keygen", "--out", stranger.toString()).exit()).isZero();
    args[4] = stranger.toString();
    args[6] = dir.resolve("forged.fcm").toString();
    Result forged = run(args);
    assertThat(forged.exit()).isEqualTo(2);
    assertThat(forged.err()).contains("not an administrator");
  }

  @Test
  void networkInitWritesADefinitionAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
    Path net = dir.resolve("network.json");
    Path key = dir.resolve("admin.json");
    String[] args = {
      "network",
      "init",
      "--name",
      "plant-7",
      "--out",
      net.toString(),
      "--admin-key-out",
      key.toString(),
      "--genesis-time",
      "1700000000000"
    };
    assertThat(run(args).exit()).isZero();
    JsonNode n = Json.MAPPER.readTree(Files.readString(net));
    assertThat(n.get("name").asText()).isEqualTo("plant-7");
    assertThat(n.get("administrators")).hasSize(1);
    Result again = run(args);
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void benchInventoryVerifiesAndMergesEveryRecord() throws Exception {
    Result r =
        run(
            "bench",
            "inventory",
            "--branches",
            "2",
            "--records",
            "300",
            "--block-size",
            "50",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("mergedRecords").asLong()).isEqualTo(600);
    assertThat(j.get("mergedBlocks").asLong()).isEqualTo(12);
    assertThat(j.get("recordsPerSecond").asLong()).isPositive();
    assertThat(j.get("verifyLimitPerSecond").asLong()).isPositive();
  }

  @Test
  void benchNetworkReportsThroughputLatencyAndAFailure() throws Exception {
    Result r =
        run(
            "bench",
            "network",
            "--nodes",
            "4",
            "--seconds",
            "1",
            "--window",
            "16",
            "--memory",
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("nodes").asInt()).isEqualTo(4);
    assertThat(j.get("acknowledged").asLong()).isPositive();
    assertThat(j.get("failed").asLong()).isZero();
    assertThat(j.get("recordsPerSecond").asDouble()).isPositive();
    assertThat(j.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(j.get("p50Ms").asDouble());
    assertThat(j.get("halfRate").get("failed").asLong()).isZero();
    // the crashed node's neighbours noticed, its keys were written and read again, and the
    // records it held a copy of (3 of the 4 ranges) were copied to r nodes again
    JsonNode failure = j.get("failure");
    assertThat(failure.get("copiesSampled").asInt()).as(failure.toString()).isPositive();
    assertThat(failure.get("copiesRestoredMs").isNumber()).as(failure.toString()).isTrue();
    assertThat(failure.get("detectedMs").isNumber()).as(failure.toString()).isTrue();
    assertThat(failure.get("writesServedAgainMs").isNumber()).as(failure.toString()).isTrue();
    assertThat(failure.get("readsServedAgainMs").isNumber()).as(failure.toString()).isTrue();
  }

  @Test
  void badInputGetsAClearErrorAndExitCode2() {
    Result r = run("demo", "--nodes", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--nodes must be 1..64");
    Result unknown = run("demo", "--bogus");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option");
    Result missing = run("verify", "/nonexistent/file.fcm");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("is not a file");
  }

  @Test
  void versionNamesTheBuildAndTheRuntime() {
    java.io.StringWriter out = new java.io.StringWriter();
    var cmd = FlowchainCommand.commandLine();
    cmd.setOut(new java.io.PrintWriter(out, true));
    assertThat(cmd.execute("--version")).isZero();
    assertThat(out.toString())
        .matches(
            "flowchain \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,40}|unknown), built"
                + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\\RJava .+\\R");
  }
}
