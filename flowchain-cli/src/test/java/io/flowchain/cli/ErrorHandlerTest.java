package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.node.FlowchainException;
import io.flowchain.node.message.FailureReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {
  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Override
    public void run() {}
  }

  private final StringWriter err = new StringWriter();
  private final CommandLine cmd = new CommandLine(new Probe()).setErr(new PrintWriter(err, true));

  @Test
  void aFailureCarriedByAFutureIsReportedAsItself() {
    Exception e =
        new ExecutionException(
            new FlowchainException(FailureReason.TIMEOUT, "no answer from 1 of the replicas"));
    int code = new ErrorHandler().handleExecutionException(e, cmd, null);
    assertThat(code).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("error: TIMEOUT: no answer from 1 of the replicas");
  }

  @Test
  void badInputInsideAFutureStillExitsWithTwo() {
    Exception e = new CompletionException(new IllegalArgumentException("no such object id"));
    assertThat(new ErrorHandler().handleExecutionException(e, cmd, null)).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("error: no such object id");
  }
}
