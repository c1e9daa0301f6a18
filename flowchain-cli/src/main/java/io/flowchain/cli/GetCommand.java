package io.flowchain.cli;

import io.flowchain.cli.node.DataDir;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.RecordJson;
import io.flowchain.core.types.TxId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain get TXID}: one record by its transaction id. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the record with this transaction id from a node's data directory (reads beside a"
          + " running node). Exit code 1 if there is no such record.",
      ""
    })
public final class GetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TXID", description = "The transaction id (64 hex digits).")
  String txId;

  @Option(names = "--data-dir", required = true, description = "The node's data directory.")
  Path dataDir;

  @Option(names = "--json", description = "Print the record as JSON-LD.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TxId id = TxId.parse(txId);
    try (DataDir.ReadOnly ro = new DataDir(dataDir).openReadOnly()) {
      Optional<Record> r = ro.store.record(id);
      if (r.isEmpty()) {
        System.err.println("error: no record with txID " + id + " in " + dataDir);
        return 1;
      }
      System.out.println(json ? RecordJson.toJsonString(r.get()) : describe(r.get()));
      return 0;
    }
  }

  static String describe(Record r) {
    String payload =
        r.submission().contentType().startsWith("application/json")
                || r.submission().contentType().startsWith("text/")
            ? new String(r.submission().payload().toByteArray(), StandardCharsets.UTF_8)
            : r.submission().payload().toBase64();
    return String.join(
        "\n",
        "txID:        " + r.txId(),
        "object:      " + r.objectId(),
        "timestamp:   " + Instant.ofEpochMilli(r.timestamp()) + " (" + r.timestamp() + ")",
        "data key:    " + r.dataKey(),
        "block:       " + r.blockNo() + " " + r.blockHash(),
        "recorded at: " + Instant.ofEpochMilli(r.recordedAt()),
        "recorder:    " + r.recorder(),
        "type:        " + r.submission().contentType(),
        "payload:     " + payload);
  }
}
