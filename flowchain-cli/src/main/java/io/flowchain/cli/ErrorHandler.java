package io.flowchain.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a subcommand into one clear line on standard error and exit code 1;
 * {@code IllegalArgumentException} (bad input) gets exit code 2. Set {@code FLOWCHAIN_DEBUG=1} for
 * the stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message));
    if (System.getenv("FLOWCHAIN_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    return e instanceof IllegalArgumentException ? 2 : 1;
  }
}
