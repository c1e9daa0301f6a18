package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code flowchain node start} on a thread of its own; interrupting the thread stops it. */
final class RunningNode {
  /** The line a started node prints: its id, scheme and port. */
  static final Pattern LISTENING =
      Pattern.compile("node ([0-9a-f]{40}) listening on (wss?)://127\\.0\\.0\\.1:(\\d+)");

  private final StringWriter text = new StringWriter();
  private final Thread thread;
  final AtomicInteger exit = new AtomicInteger(-1);

  RunningNode(String... args) {
    PrintWriter out = new PrintWriter(text, true);
    var cmd = FlowchainCommand.commandLine();
    cmd.setOut(out);
    cmd.setErr(out);
    thread = new Thread(() -> exit.set(cmd.execute(args)), "node-start");
    thread.start();
  }

  String output() {
    synchronized (text) {
      return text.toString();
    }
  }

  int port() {
    return Integer.parseInt(listening().group(3));
  }

  /** How a peer names this node: {@code NODEID@SCHEME://127.0.0.1:PORT}. */
  String fullAddress() {
    Matcher m = listening();
    return m.group(1) + "@" + m.group(2) + "://127.0.0.1:" + m.group(3);
  }

  private Matcher listening() {
    Matcher m = LISTENING.matcher(output());
    assertThat(m.find()).as(output()).isTrue();
    return m;
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join(60_000);
  }
}
