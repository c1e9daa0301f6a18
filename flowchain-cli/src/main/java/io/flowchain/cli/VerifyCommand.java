package io.flowchain.cli;

import io.flowchain.cli.node.DataDirVerification;
import io.flowchain.cli.node.NodeCommand;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain verify}: checks a node's branch as stored in its data directory. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verifies the branch stored in a node's data directory: genesis, every hash link and"
          + " signature, every seal against the records it seals, every record (data key, txID,"
          + " recorder signature), and that the store's indexes match its records. Reads beside a"
          + " running node.",
      "Exit code 0: everything checks out; 1: a fault was found (printed with its block, record"
          + " and what is wrong); 2: bad usage.",
      ""
    })
public final class VerifyCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, description = "The node's data directory.")
  Path dataDir;

  @Option(
      names = "--scope",
      description =
          "full (everything) or quick (headers, and the records of unsealed blocks, as a node"
              + " checks at start). Default: ${DEFAULT-VALUE}.")
  String scope = "full";

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> result = DataDirVerification.run(dataDir, NodeCommand.scope(scope));
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(result));
    } else {
      result.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    return Boolean.TRUE.equals(result.get("ok")) ? 0 : 1;
  }
}
