package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aWatchedCounterRedrawsOneLineAndEndsIt() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress("acknowledged", 3, true, new PrintStream(bytes, true));
    p.update(1);
    p.update(3);
    p.done();
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("\racknowledged 1/3\racknowledged 3/3" + System.lineSeparator());
  }

  @Test
  void anUnwatchedCounterPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress("acknowledged", 3, false, new PrintStream(bytes, true));
    p.update(1);
    p.update(3);
    p.done();
    assertThat(bytes.size()).isZero();
  }

  @Test
  void nobodyWatchesWithoutATerminalOrWithJson() {
    assertThat(Progress.isTerminal(null)).isFalse();
    assertThat(Progress.watched(true)).isFalse();
    // the test runs with its output captured, not on a terminal
    assertThat(Progress.watched(false)).isFalse();
  }

  @Test
  void longCommandsWriteNothingToStandardErrorWhenNotOnATerminal() {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      var cmd = FlowchainCommand.commandLine();
      cmd.setOut(new PrintWriter(new StringWriter(), true));
      assertThat(
              cmd.execute(
                  "bench",
                  "inventory",
                  "--branches",
                  "2",
                  "--records",
                  "300",
                  "--block-size",
                  "100"))
          .isZero();
      assertThat(
              cmd.execute(
                  "sim",
                  "--experiment",
                  "path-length",
                  "--nodes",
                  "64",
                  "--lookups",
                  "100",
                  "--json"))
          .isZero();
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("records");
  }
}
