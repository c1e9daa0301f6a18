package io.flowchain.cli;

import io.flowchain.cli.node.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowchain} command: entry point of the runnable jar. */
@Command(
    name = "flowchain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Flowchain: a permissioned distributed ledger for peer-to-peer IoT networks.",
    subcommands = {
      DemoCommand.class,
      KeygenCommand.class,
      NetworkCommand.class,
      InventoryCommand.class,
      VerifyCommand.class,
      SimCommand.class,
      NodeCommand.class,
      PutCommand.class,
      GetCommand.class,
      QueryCommand.class,
      ApproveCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FlowchainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand and the project's error handling. */
  public static CommandLine commandLine() {
    return new CommandLine(new FlowchainCommand())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
