package io.flowchain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowchain bench}: benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks.",
    subcommands = {
      BenchIngestCommand.class,
      BenchRestartCommand.class,
      BenchInventoryCommand.class,
      BenchNetworkCommand.class,
      BenchBrokerCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
