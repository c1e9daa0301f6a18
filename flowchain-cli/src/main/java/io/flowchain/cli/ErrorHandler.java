package io.flowchain.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
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
    Throwable cause = e;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause(); // what went wrong, not the future that carried it
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message));
    if (System.getenv("FLOWCHAIN_DEBUG") != null) {
      e.printStackTrace(cmd.getErr());
    }
    return cause instanceof IllegalArgumentException ? 2 : 1;
  }
}
