package io.flowchain.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowchain.cli.FlowchainCommand;
import io.flowchain.cli.net.ClientSession;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.NodeId;
import io.flowchain.dht.Peer;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.QueryResult;
import io.flowchain.node.message.Receipt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network of node processes on loopback, as an operator runs one: {@code flowchain node start
 * --port --join} in five JVMs, readings submitted by three clients at random nodes, one node killed
 * with SIGKILL in the middle of the stream and restarted on its data directory, a sixth node
 * joining meanwhile. Afterwards every acknowledged reading is read back from the ring, the
 * command-line client works against the processes, every node stops cleanly on SIGTERM, and every
 * branch passes {@code flowchain verify --data-dir}.
 */
class NodeProcessesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NODES = 5;
  private static final int CLIENTS = 3;

  /** How many readings not read back are retried (20 s each) to tell late from absent. */
  private static final int RETRIED_AT_MOST = 3;

  /** The processes' logging: warnings and errors, to standard error. */
  private static final String LOGBACK = resource("node-logback.xml");

  /** Every process this class started, killed in {@link #killEverything()} whatever happened. */
  private static final List<Process> PROCESSES = new CopyOnWriteArrayList<>();

  @TempDir Path dir;

  /** The nodes' names by id, for the reports. */
  private final Map<NodeId, String> names = new java.util.concurrent.ConcurrentHashMap<>();

  private static String resource(String name) {
    try {
      return Path.of(NodeProcessesIT.class.getResource("/" + name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void killEverything() throws InterruptedException {
    for (Process p : PROCESSES) {
      p.destroyForcibly();
    }
    for (Process p : PROCESSES) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** One node across its incarnations: a port, a data directory, a log. */
  private final class NodeProcess {
    final String name;
    final int port;
    final Path dataDir;
    final Path log;
    final NodeId id;
    Process process;
    int starts;

    NodeProcess(String name) throws IOException {
      this.name = name;
      this.port = freePort();
      this.dataDir = dir.resolve(name);
      this.log = dir.resolve(name + ".log");
      this.id = KeyFiles.readKeyPair(dir.resolve(name + ".pem")).nodeId();
      names.put(id, name);
    }

    String address() {
      return "127.0.0.1:" + port;
    }

    Peer peer() {
      return new Peer(id, "ws://" + address());
    }

    void start(NodeProcess via) throws IOException {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "node",
                  "start",
                  "--port",
                  String.valueOf(port),
                  "--data-dir",
                  dataDir.toString(),
                  "--network",
                  p("network.json"),
                  "--key",
                  p(name + ".pem"),
                  "--cert",
                  p(name + ".cert.json"),
                  "--tick-ms",
                  "20"));
      if (via != null) {
        args.add("--join");
        args.add(via.address());
      }
      process = launch(args, log, null);
      starts++;
    }

    /** Whether the incarnation started last is a member of the ring. */
    boolean member() throws IOException {
      return count(read(log), "member of the ring as") >= starts;
    }

    boolean up() {
      return process != null && process.isAlive();
    }
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /** {@code flowchain ARGS} in a JVM of its own, on this test's class path. */
  private static Process launch(List<String> args, Path out, Path err) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-Dlogback.configurationFile=" + LOGBACK);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FlowchainCommand.class.getName());
    command.addAll(args);
    ProcessBuilder b =
        new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    if (err == null) {
      b.redirectErrorStream(true);
    } else {
      b.redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
    }
    Process p = b.start();
    PROCESSES.add(p);
    return p;
  }

  /** Runs {@code flowchain ARGS} to its end (within a minute); its exit code and output. */
  private record Ran(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private Ran flowchain(String... args) throws Exception {
    Path out = Files.createTempFile(dir, "cli-", ".out");
    Path err = Files.createTempFile(dir, "cli-", ".err");
    Process p = launch(List.of(args), out, err);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("flowchain " + String.join(" ", args) + " did not end in 60 s");
    }
    return new Ran(p.exitValue(), read(out), read(err));
  }

  /** The same commands in this JVM, for the set-up. */
  private void inProcess(String... args) {
    assertThat(FlowchainCommand.commandLine().execute(args)).as(String.join(" ", args)).isZero();
  }

  private void member(String name) {
    inProcess("keygen", "--out", p(name + ".pem"));
    inProcess(
        "network",
        "authorize",
        "--network",
        p("network.json"),
        "--admin-key",
        p("admin.pem"),
        "--node-key",
        p(name + ".pem"));
  }

  /**
   * An acknowledged reading: what was submitted, the receipt that came back, when (ms since the
   * clients started), through which node, and the failed attempts before it.
   */
  private record Acked(
      Submission submission, Receipt receipt, long ackedAt, String entry, List<String> failed) {}

  /** What happened to the ring, and when (ms since the clients started). */
  private final Map<String, Long> events =
      Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  private volatile long clientsStarted;

  private long sinceStart() {
    return System.currentTimeMillis() - clientsStarted;
  }

  private void event(String what) {
    events.put(what, sinceStart());
  }

  /** A client that submits readings one after the other at random nodes, until told to stop. */
  private final class Client implements Runnable {
    final int index;
    final ClientSession session;
    final List<NodeProcess> nodes;
    final SplittableRandom random;
    final List<Acked> acked;
    final AtomicBoolean stop;
    final AtomicInteger unacknowledged;
    final AtomicInteger failovers = new AtomicInteger();
    final Map<NodeProcess, Long> suspected = new java.util.HashMap<>();

    Client(
        int index,
        List<NodeProcess> nodes,
        List<Acked> acked,
        AtomicBoolean stop,
        AtomicInteger unacknowledged)
        throws IOException {
      this.index = index;
      this.nodes = nodes;
      this.random = new SplittableRandom(index);
      this.acked = acked;
      this.stop = stop;
      this.unacknowledged = unacknowledged;
      // a short request timeout: a client whose entry node died moves on to another node soon
      this.session =
          ClientSession.open(
              dir.resolve("network.json"),
              dir.resolve("client" + index + ".pem"),
              dir.resolve("client" + index + ".cert.json"),
              nodes.get(index).address(),
              "127.0.0.1",
              NodeConfig.defaults().withRequestTimeout(1_500, 2));
    }

    /** A random node, avoiding those that failed this client in the last 10 s if it can. */
    NodeProcess pick() {
      long now = System.nanoTime();
      List<NodeProcess> trusted = new ArrayList<>();
      for (NodeProcess n : nodes) {
        Long until = suspected.get(n);
        if (until == null || until - now < 0) {
          trusted.add(n);
        }
      }
      List<NodeProcess> from = trusted.isEmpty() ? nodes : trusted;
      return from.get(random.nextInt(from.size()));
    }

    @Override
    public void run() {
      for (int k = 0; !stop.get(); k++) {
        Submission s =
            Submission.of(
                "it-" + index + "-" + (k % 3),
                "application/json",
                Bytes.utf8("{\"client\":" + index + ",\"seq\":" + k + "}"),
                System.currentTimeMillis(),
                random);
        Receipt r = null;
        NodeProcess entry = null;
        List<String> failed = new ArrayList<>();
        // at a random node it knows of (dead or alive); after a failure the same submission
        // again, through another: recording is idempotent per data key
        for (int attempt = 0; attempt < 12 && r == null; attempt++) {
          entry = pick();
          session.client().entry(entry.peer());
          try {
            r = session.client().submit(s).get(60, TimeUnit.SECONDS);
          } catch (ExecutionException | TimeoutException e) {
            failovers.incrementAndGet();
            failed.add(entry.name + " at +" + sinceStart() + " ms: " + e.getMessage());
            suspected.put(entry, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (r != null) {
          acked.add(new Acked(s, r, sinceStart(), entry.name, failed));
        } else {
          unacknowledged.incrementAndGet();
        }
      }
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void acknowledgedReadingsSurviveASigkillARestartAndAJoin() throws Exception {
    inProcess(
        "network",
        "init",
        "--name",
        "it-net",
        "--out",
        p("network.json"),
        "--admin-key-out",
        p("admin.pem"));
    List<NodeProcess> nodes = new ArrayList<>();
    for (int i = 0; i <= NODES; i++) { // the last one joins later
      member("node" + i);
      nodes.add(new NodeProcess("node" + i));
    }
    for (int c = 0; c < CLIENTS; c++) {
      member("client" + c);
    }
    NodeProcess seed = nodes.get(0);
    NodeProcess victim = nodes.get(3);
    NodeProcess joiner = nodes.get(NODES);
    List<NodeProcess> ring = new ArrayList<>(nodes.subList(0, NODES));

    seed.start(null);
    awaitMembers(List.of(seed));
    for (NodeProcess n : ring.subList(1, NODES)) {
      n.start(seed);
    }
    awaitMembers(ring);

    List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger unacknowledged = new AtomicInteger();
    List<Client> clients = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    // the nodes the clients know of: those started so far (the killed one stays on the list)
    List<NodeProcess> entries = new CopyOnWriteArrayList<>(ring);
    clientsStarted = System.currentTimeMillis();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        Client client = new Client(c, entries, acked, stop, unacknowledged);
        clients.add(client);
        Thread t = new Thread(client, "client-" + c);
        threads.add(t);
        t.start();
      }
      awaitAcked(acked, 150);
      victim.process.destroyForcibly(); // SIGKILL, in the middle of the stream
      assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      event(victim.name + " killed");
      awaitAcked(acked, acked.size() + 150);
      joiner.start(ring.get(1));
      event(joiner.name + " started");
      awaitMembers(List.of(joiner));
      event(joiner.name + " a member");
      entries.add(joiner);
      awaitAcked(acked, acked.size() + 150);
      victim.start(seed); // on the same data directory and port
      event(victim.name + " restarted");
      awaitMembers(List.of(victim));
      event(victim.name + " a member again");
      awaitAcked(acked, acked.size() + 150);
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(120_000);
      }
      event("clients stopped");
    }
    assertThat(unacknowledged.get()).as("readings never acknowledged").isZero();
    List<NodeProcess> running = new ArrayList<>(nodes);
    awaitMembers(running);

    // every acknowledged reading is read back from the ring, by data key (and some by txID)
    ClientSession reader = clients.get(0).session;
    SplittableRandom pick = new SplittableRandom(99);
    Map<Acked, String> missing = new java.util.LinkedHashMap<>();
    Map<String, NodeProcess> byAddress = new java.util.HashMap<>();
    nodes.forEach(n -> byAddress.put(n.peer().address(), n));
    event("read-back started");
    synchronized (acked) {
      for (int k = 0; k < acked.size(); k++) {
        Acked a = acked.get(k);
        NodeProcess entry = running.get(pick.nextInt(running.size()));
        boolean byTxId = k % 10 == 0;
        String first = readBack(reader, entry, a, byTxId);
        if (first != null) {
          missing.put(
              a,
              "read by "
                  + (byTxId ? "txID" : "data key")
                  + " through "
                  + entry.name
                  + ": "
                  + first
                  + "; "
                  + (missing.size() < RETRIED_AT_MOST
                      ? retried(reader, running, a, byTxId)
                      : "not retried (only the first " + RETRIED_AT_MOST + " are)"));
        }
      }
    }
    if (!missing.isEmpty()) {
      failWithDiagnosis(missing, running, nodes, acked.size());
    }

    // the command-line client against the processes
    String[] as0 = {
      "--network", p("network.json"), "--key", p("client0.pem"), "--cert", p("client0.cert.json")
    };
    Ran put =
        flowchain(
            concat(
                List.of(
                    "put",
                    "--node",
                    joiner.address(),
                    "--object",
                    "cli-1",
                    "{\"by\":\"cli\"}",
                    "--json"),
                as0));
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.out()).as(put.err()).startsWith("{");
    JsonNode receipt = put.json();
    Ran get =
        flowchain(
            concat(
                List.of(
                    "get",
                    "--data-key",
                    receipt.get("dataKey").asText(),
                    "--node",
                    victim.address(),
                    "--json"),
                as0));
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(get.json().get("txID").asText()).isEqualTo(receipt.get("txId").asText());
    String object = "it-1-0";
    Set<String> ackedOfObject = new HashSet<>();
    synchronized (acked) {
      acked.stream()
          .filter(a -> a.submission().objectId().equals(object))
          .forEach(a -> ackedOfObject.add(a.receipt().txId().toHex()));
    }
    QueryResult series = null;
    Set<String> queried = new HashSet<>();
    io.flowchain.core.store.LedgerStore.Cursor cursor = null;
    do {
      series =
          reader.client().query(object, 0, Long.MAX_VALUE, 1000, cursor).get(60, TimeUnit.SECONDS);
      series.records().forEach(r -> queried.add(r.txId().toHex()));
      cursor = series.next();
    } while (cursor != null);
    assertThat(queried).containsAll(ackedOfObject);
    for (Client c : clients) {
      c.session.close();
    }

    // every node leaves cleanly on SIGTERM, and every branch verifies
    for (NodeProcess n : running) {
      n.process.destroy();
    }
    for (NodeProcess n : running) {
      assertThat(n.process.waitFor(60, TimeUnit.SECONDS)).as(n.name + " stops").isTrue();
      assertThat(read(n.log)).as(n.name).contains("left the ring and stopped cleanly");
    }
    for (NodeProcess n : nodes) {
      Ran verify = flowchain("verify", "--data-dir", n.dataDir.toString(), "--json");
      assertThat(verify.exit()).as(n.name + ": " + verify.out() + verify.err()).isZero();
      assertThat(verify.json().get("ok").asBoolean()).isTrue();
    }
    // and each acknowledged reading is in the branch of the node that signed its receipt
    Map<NodeId, NodeProcess> byId = new java.util.HashMap<>();
    nodes.forEach(n -> byId.put(n.id, n));
    Map<NodeId, DataDir.ReadOnly> branches = new java.util.HashMap<>();
    int recordedTwice = 0; // by a recorder killed before it answered, and by the key's next owner
    try {
      for (NodeProcess n : nodes) {
        branches.put(n.id, new DataDir(n.dataDir).openReadOnly());
      }
      synchronized (acked) {
        for (Acked a : acked) {
          assertThat(branches.get(a.receipt().recorder()).store.record(a.receipt().txId()))
              .as(
                  "%s in the branch of %s",
                  a.receipt().txId(), byId.get(a.receipt().recorder()).name)
              .isPresent();
          for (DataDir.ReadOnly b : branches.values()) {
            if (b.store
                .recordByKey(a.receipt().dataKey())
                .filter(r -> !r.txId().equals(a.receipt().txId()))
                .isPresent()) {
              recordedTwice++;
            }
          }
        }
      }
    } finally {
      branches.values().forEach(DataDir.ReadOnly::close);
    }
    System.out.printf(
        "%d readings acknowledged by %d nodes (one killed and restarted, one joined), all read"
            + " back (%d also recorded, unacknowledged, by another node); %d submissions retried"
            + " through another node; %d nodes verified%n",
        acked.size(),
        nodes.size(),
        recordedTwice,
        clients.stream().mapToInt(c -> c.failovers.get()).sum(),
        nodes.size());
  }

  /** Reads {@code a} back through {@code entry}: null if it came back, else what came instead. */
  private String readBack(ClientSession reader, NodeProcess entry, Acked a, boolean byTxId)
      throws InterruptedException {
    reader.client().entry(entry.peer());
    Optional<Record> back;
    try {
      back =
          (byTxId
                  ? reader.client().get(a.receipt().txId())
                  : reader.client().get(a.receipt().dataKey()))
              .get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "failed: " + e;
    }
    if (back.isEmpty()) {
      return "not found";
    }
    Record r = back.get();
    if (!r.txId().equals(a.receipt().txId())) {
      return "another record of its data key: "
          + r.txId().toHex().substring(0, 16)
          + "… recorded by "
          + name(r.recorder())
          + " in block "
          + r.blockNo()
          + " at "
          + r.recordedAt();
    }
    if (!a.receipt().verify(r.submission())) {
      return "a record that does not match the receipt";
    }
    return null;
  }

  /**
   * Tries the read again, through random nodes, for up to 20 s: is the reading late or absent? And
   * can it be read by txID?
   */
  private String retried(ClientSession reader, List<NodeProcess> running, Acked a, boolean byTxId)
      throws InterruptedException {
    SplittableRandom random = new SplittableRandom(a.receipt().txId().hashCode());
    AtomicReference<String> last = new AtomicReference<>();
    long start = System.nanoTime();
    String verdict;
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                String got =
                    readBack(reader, running.get(random.nextInt(running.size())), a, byTxId);
                last.set(got);
                return got == null;
              });
      verdict =
          "read back on a retry after "
              + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
              + " ms (late)";
    } catch (ConditionTimeoutException e) {
      verdict = "not read back in 20 s of retries either (last answer: " + last.get() + ")";
    }
    if (!byTxId) {
      String byTx = readBack(reader, running.get(0), a, true);
      verdict += "; by txID: " + (byTx == null ? "read back" : byTx);
    }
    return verdict;
  }

  /**
   * Stops every node, looks into every data directory for the readings not read back, and fails
   * with what it found: when each was acknowledged (against the kill, the join and the restart),
   * through which node and by which recorder, what the reads answered, and which node's branch or
   * copies hold it.
   */
  private void failWithDiagnosis(
      Map<Acked, String> missing, List<NodeProcess> running, List<NodeProcess> nodes, int total)
      throws InterruptedException {
    for (NodeProcess n : running) {
      n.process.destroy();
    }
    for (NodeProcess n : running) {
      n.process.waitFor(60, TimeUnit.SECONDS);
    }
    StringBuilder report = new StringBuilder();
    report.append(missing.size()).append(" of ").append(total);
    report.append(" acknowledged readings not read back; ms since the clients started: ");
    report.append(events).append('\n');
    Map<String, Path> dataDirs = new java.util.LinkedHashMap<>();
    nodes.forEach(n -> dataDirs.put(n.name, n.dataDir));
    try (DataDirHoldings holdings = new DataDirHoldings(dataDirs, this::name)) {
      for (Map.Entry<Acked, String> e : missing.entrySet()) {
        Acked a = e.getKey();
        Receipt r = a.receipt();
        report.append(r.txId().toHex()).append(" (data key ").append(r.dataKey().toHex());
        report.append("): acknowledged at +").append(a.ackedAt()).append(" ms (");
        report.append(sinceLastEvent(a.ackedAt())).append(") through ");
        report.append(a.entry()).append(", recorded by ").append(name(r.recorder()));
        report.append(" in block ").append(r.block().no()).append(" at ").append(r.recordedAt());
        report.append(", copies ").append(r.copies());
        if (!a.failed().isEmpty()) {
          report.append(", after failed attempts ").append(a.failed());
        }
        report.append("\n  ").append(e.getValue()).append('\n');
        for (String line : holdings.of(r.txId(), r.dataKey())) {
          report.append("  ").append(line).append('\n');
        }
      }
    }
    System.out.println(report);
    assertThat(missing.keySet().stream().map(a -> a.receipt().txId().toHex()).toList())
        .as("acknowledged readings not read back:%n%s", report)
        .isEmpty();
  }

  /** "N ms after EVENT": the last event of the ring before {@code at}. */
  private String sinceLastEvent(long at) {
    String last = "before any kill";
    synchronized (events) {
      for (Map.Entry<String, Long> e : events.entrySet()) {
        if (e.getValue() <= at) {
          last = (at - e.getValue()) + " ms after " + e.getKey();
        }
      }
    }
    return last;
  }

  private String name(NodeId id) {
    return names.getOrDefault(id, id.toHex().substring(0, 8));
  }

  private static String[] concat(List<String> first, String[] rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static void awaitMembers(List<NodeProcess> nodes) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (NodeProcess n : nodes) {
                if (!n.up()) {
                  throw new AssertionError(n.name + " exited:\n" + read(n.log));
                }
                if (!n.member()) {
                  return false;
                }
              }
              return true;
            });
  }

  private static void awaitAcked(List<Acked> acked, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> acked.size() >= count);
  }
}
