package io.flowchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code flowchain} command in this JVM, as a test would from a shell. */
final class CliRun {
  private CliRun() {}

  /** A finished command: its exit code, standard output and standard error. */
  record Result(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return Json.MAPPER.readTree(out);
    }
  }

  /** Runs {@code flowchain args...} with System.out and System.err captured. */
  static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      var cmd = FlowchainCommand.commandLine();
      cmd.setErr(new PrintWriter(System.err, true));
      int exit = cmd.execute(args);
      return new Result(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
