package io.flowchain.cli;

import static io.flowchain.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowchain.cli.CliRun.Result;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.inventory.InventoryFile;
import io.flowchain.core.inventory.MergedBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowchain inventory --node}: three nodes on sockets ({@code node start}), readings put
 * through them; the administrator collects every branch over the network with a client key and
 * certificate, the merged chain audits, every collected branch is exactly the node's own branch up
 * to the height collected; a monitor round ({@code --watch}) extends the file with only new blocks;
 * a member that left is reported missing and its branch kept from the previous round.
 */
class InventoryOverNetworkTest {

  @TempDir Path dir;

  private final List<RunningNode> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws InterruptedException {
    for (RunningNode n : nodes) {
      n.stop();
    }
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private void member(String name, String... extra) {
    assertThat(run("keygen", "--out", p(name + ".pem")).exit()).isZero();
    List<String> args =
        new ArrayList<>(
            List.of(
                "network",
                "authorize",
                "--network",
                p("network.json"),
                "--admin-key",
                p("admin.pem"),
                "--node-key",
                p(name + ".pem")));
    args.addAll(List.of(extra));
    Result r = run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
  }

  private RunningNode startNode(String name, String join, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "start",
                "--port",
                "0",
                "--data-dir",
                p(name),
                "--network",
                p("network.json"),
                "--key",
                p(name + ".pem"),
                "--cert",
                p(name + ".cert.json"),
                "--tick-ms",
                "10"));
    if (join != null) {
      args.add("--join");
      args.add(join);
    }
    args.addAll(List.of(more));
    RunningNode n = new RunningNode(args.toArray(String[]::new));
    nodes.add(n);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> n.output().contains("member of the ring as") || n.exit.get() >= 0);
    assertThat(n.exit.get()).as(n.output()).isEqualTo(-1);
    return n;
  }

  private String[] client(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--network",
            p("network.json"),
            "--key",
            p("client.pem"),
            "--cert",
            p("client.cert.json")));
    return all.toArray(String[]::new);
  }

  private String[] admin(String... args) {
    List<String> all = new ArrayList<>(List.of("inventory"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--network",
            p("network.json"),
            "--admin-key",
            p("admin.pem"),
            "--key",
            p("client.pem"),
            "--cert",
            p("client.cert.json"),
            "--json"));
    return all.toArray(String[]::new);
  }

  @Test
  void theAdministratorCollectsEveryBranchOverTheNetworkAndMonitorsIt() throws Exception {
    Result init =
        run(
            "network",
            "init",
            "--name",
            "inv-net",
            "--out",
            p("network.json"),
            "--admin-key-out",
            p("admin.pem"));
    assertThat(init.exit()).as(init.err()).isZero();
    for (String name : List.of("a", "b", "c", "client")) {
      member(name);
    }
    RunningNode a = startNode("a", null);
    String atA = "127.0.0.1:" + a.port();
    RunningNode b = startNode("b", atA);
    RunningNode c = startNode("c", atA);
    String atB = "127.0.0.1:" + b.port();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Result q = run(client("query", "--node", atA, "--object", "none", "--json"));
              return q.exit() == 0 && q.json().get("nodesAnswered").asInt() == 3;
            });
    for (int k = 0; k < 9; k++) {
      Result put =
          run(
              client(
                  "put", "--node", k % 2 == 0 ? atA : atB, "--object", "s1", "{\"k\":" + k + "}"));
      assertThat(put.exit()).as(put.err()).isZero();
    }

    // once: every member's branch collected through node b, verified, merged, audited
    Result once = run(admin("--node", atB, "--out", p("inv.fcm")));
    assertThat(once.exit()).as(once.out() + once.err()).isZero();
    JsonNode s1 = once.json();
    assertThat(s1.get("members").asInt()).isEqualTo(3);
    assertThat(s1.get("complete").asBoolean()).isTrue();
    assertThat(s1.get("missing")).isEmpty();
    assertThat(s1.get("auditOk").asBoolean()).isTrue();
    assertThat(s1.get("round").asInt()).isEqualTo(1);
    Result verify = run("verify", p("inv.fcm"), "--json");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    Files.copy(dir.resolve("inv.fcm"), dir.resolve("round1.fcm"));

    // a monitor round extends the file: the first round's entries stay, the new ones are round 2.
    // Blocks are sealed as the nodes mine on, so first wait until a trial round would add some.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Result trial =
                  run(admin("--node", atA, "--out", p("trial.fcm"), "--previous", p("round1.fcm")));
              return trial.exit() == 0 && trial.json().get("added").asInt() > 0;
            });
    Result watch =
        run(admin("--node", atA, "--out", p("inv.fcm"), "--watch", "1s", "--rounds", "1"));
    assertThat(watch.exit()).as(watch.out() + watch.err()).isZero();
    JsonNode s2 = watch.json();
    assertThat(s2.get("round").asInt()).isEqualTo(2);
    assertThat(s2.get("added").asInt()).isPositive();
    assertThat(s2.get("mergedBlocks").asInt())
        .isEqualTo(s1.get("mergedBlocks").asInt() + s2.get("added").asInt());
    try (InventoryFile r1 = InventoryFile.open(dir.resolve("round1.fcm"));
        InventoryFile r2 = InventoryFile.open(dir.resolve("inv.fcm"))) {
      List<MergedBlock> first = r1.chain().blocks();
      List<MergedBlock> now = r2.chain().blocks();
      for (int i = 0; i < first.size(); i++) {
        assertThat(now.get(i).toBytes()).isEqualTo(first.get(i).toBytes());
      }
      assertThat(now.subList(first.size(), now.size())).allMatch(m -> m.round() == 2);
    }
    assertThat(run("verify", p("inv.fcm")).exit()).isZero();

    // c leaves: the next round names it missing and keeps its branch from the round before
    c.stop();
    assertThat(c.exit.get()).as(c.output()).isZero();
    Result partial = run(admin("--node", atA, "--out", p("inv.fcm"), "--previous", p("inv.fcm")));
    assertThat(partial.exit()).as(partial.out() + partial.err()).isZero();
    JsonNode s3 = partial.json();
    assertThat(s3.get("complete").asBoolean()).isFalse();
    assertThat(s3.get("members").asInt()).isEqualTo(2);
    assertThat(s3.get("branches").asInt()).isEqualTo(3);
    assertThat(s3.get("missing").get(0).get("reason").asText()).contains("previous inventory");
    String[] plain = admin("--node", atA, "--out", p("again.fcm"), "--previous", p("round1.fcm"));
    Result text = run(Arrays.copyOf(plain, plain.length - 1)); // without --json: for a person
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).contains("merged 3 branches (2 collected over the network)");
    assertThat(text.out()).contains("warning: member").contains("is missing");
    assertThat(run("verify", p("inv.fcm")).exit()).isZero();

    // every collected branch is the node's own branch, block for block, as far as collected
    for (RunningNode n : List.of(b, a)) {
      n.stop();
      assertThat(n.exit.get()).as(n.output()).isZero();
    }
    try (InventoryFile inv = InventoryFile.open(dir.resolve("inv.fcm"))) {
      int compared = 0;
      for (String name : List.of("a", "b", "c")) {
        try (DataDir.ReadOnly ro = new DataDir(dir.resolve(name)).openReadOnly()) {
          ExportedBranch got =
              inv.branches().stream()
                  .filter(x -> x.header(1).minerId().equals(ro.store.header(1).get().minerId()))
                  .findFirst()
                  .orElseThrow();
          long sealed = got.header(got.height()).seal().sealedNo();
          for (long no = 0; no <= got.height(); no++) {
            assertThat(got.header(no).toBytes()).isEqualTo(ro.store.header(no).get().toBytes());
            if (no <= sealed) {
              assertThat(got.records(no).stream().map(r -> r.txId()).toList())
                  .isEqualTo(ro.store.recordsInBlock(no).stream().map(r -> r.txId()).toList());
            }
          }
          compared++;
        }
      }
      assertThat(compared).isEqualTo(3);
    }
  }
}
