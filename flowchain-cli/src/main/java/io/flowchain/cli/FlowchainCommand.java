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

  @CommandLine.Mixin LoggingOptions logging = new LoggingOptions();

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand and the project's error handling. */
  public static CommandLine commandLine() {
    FlowchainCommand top = new FlowchainCommand();
    CommandLine cl = new CommandLine(top);
    return cl.setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionStrategy(
            parsed -> {
              try {
                top.logging.apply(System.getenv());
              } catch (IllegalArgumentException e) {
                cl.getErr().println(cl.getColorScheme().errorText("error: " + e.getMessage()));
                return 2;
              }
              return new CommandLine.RunLast().execute(parsed);
            });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
