package io.flowchain.cli;

import io.flowchain.cli.net.ClientSession;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.RecordJson;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain get TXID}: one record by its transaction id (or by its data key). */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints one record. With --data-dir: the record with this transaction id in a node's data"
          + " directory (reads beside a running node). With --node: the record with this"
          + " transaction id, or with --data-key that data key, from anywhere in a running"
          + " network (by data key: the key's successor, then the rest of its replica set; by"
          + " txID: a walk round the ring). Exit code 1 if there is no such record.",
      ""
    })
public final class GetCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TXID",
      description = "The transaction id (64 hex digits).")
  String txId;

  @Option(names = "--data-dir", description = "The node's data directory.")
  Path dataDir;

  @Option(
      names = "--data-key",
      paramLabel = "KEY",
      description = "With --node: the record with this data key (40 hex digits) instead of a txID.")
  String dataKey;

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Option(names = "--json", description = "Print the record as JSON-LD.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ((dataDir == null) == !remote.given()) {
      throw new IllegalArgumentException("give either --data-dir DIR or --node HOST:PORT");
    }
    if ((txId == null) == (dataKey == null)) {
      throw new IllegalArgumentException("give either TXID or --data-key KEY");
    }
    if (remote.given()) {
      return fromNetwork();
    }
    if (dataKey != null) {
      throw new IllegalArgumentException("--data-key needs --node");
    }
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

  private int fromNetwork() throws Exception {
    String what;
    Optional<Record> r;
    try (ClientSession session = remote.open()) {
      if (dataKey != null) {
        Key key = Key.parse(dataKey);
        what = "data key " + key;
        r = session.client().get(key).get(remote.timeoutSeconds, TimeUnit.SECONDS);
      } else {
        TxId id = TxId.parse(txId);
        what = "txID " + id;
        r = session.client().get(id).get(remote.timeoutSeconds, TimeUnit.SECONDS);
      }
    }
    if (r.isEmpty()) {
      System.err.println("error: no record with " + what + " in the network");
      return 1;
    }
    System.out.println(json ? RecordJson.toJsonString(r.get()) : describe(r.get()));
    return 0;
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
