package io.flowchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimCommandTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cmd = FlowchainCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void jsonHasOneObjectPerRowWithTheRequiredFields() throws Exception {
    Run r =
        run(
            "sim",
            "--experiment",
            "path-length,failure",
            "--path-nodes",
            "16",
            "--nodes",
            "40",
            "--fail",
            "0.2",
            "--lookups",
            "50",
            "--json");
    assertThat(r.exit()).isZero();
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(3); // path-length 8 and 16, failure 0.2
    ObjectMapper mapper = new ObjectMapper();
    for (String line : lines) {
      JsonNode row = mapper.readTree(line);
      for (String field :
          new String[] {
            "experiment",
            "nodes",
            "lookups",
            "meanPathLength",
            "p99PathLength",
            "failedLookups",
            "timeouts",
            "lostKeys",
            "simulatedSeconds",
            "wallSeconds"
          }) {
        assertThat(row.has(field)).as(field + " in " + line).isTrue();
      }
    }
    JsonNode failure = mapper.readTree(lines[2]);
    assertThat(failure.get("experiment").asText()).isEqualTo("failure");
    assertThat(failure.get("failedLookups").asLong()).isZero();
    assertThat(failure.has("failedBeforeStabilization")).isTrue();
  }

  @Test
  void tableIsTheDefaultOutput() {
    Run r =
        run(
            "sim",
            "--experiment",
            "replication",
            "--nodes",
            "30",
            "--fail",
            "0.1",
            "--lookups",
            "20");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("== replication").contains("lostKeys");
  }

  @Test
  void unknownExperimentIsABadInput() {
    Run r = run("sim", "--experiment", "nonsense");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown experiment");
  }

  @Test
  void helpExplainsTheOptions() {
    Run r = run("sim", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains(
            "--nodes",
            "--lookups",
            "--seed",
            "--fail",
            "--churn",
            "--replicas",
            "--experiment",
            "--json");
  }
}
