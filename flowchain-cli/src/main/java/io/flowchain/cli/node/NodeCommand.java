package io.flowchain.cli.node;

import io.flowchain.core.verify.BranchVerifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowchain node}: runs a node. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Runs a Flowchain node.",
    subcommands = {NodeStartCommand.class})
public final class NodeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Parses a --verify value: quick or full. */
  public static BranchVerifier.Scope scope(String text) {
    return switch (text) {
      case "quick" -> BranchVerifier.Scope.HEADERS_AND_UNSEALED;
      case "full" -> BranchVerifier.Scope.FULL;
      default -> throw new IllegalArgumentException("--verify must be quick or full: " + text);
    };
  }
}
