package io.flowchain.cli;

import io.flowchain.cli.node.DataDir;
import io.flowchain.cli.node.NodeCommand;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.Fault;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.store.rocksdb.StoreCorruptionException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
      "Exit code: 0 if everything checks out, 1 at the first fault (printed with its block,"
          + " record and what is wrong), 2 for bad usage.",
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

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    BranchVerifier.Scope s = NodeCommand.scope(scope);
    long t0 = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    String fault = null;
    Fault where = null;
    VerificationReport report = null;
    try (DataDir.ReadOnly ro = new DataDir(dataDir).openReadOnly()) {
      out.put("dataDir", dataDir.toAbsolutePath().normalize().toString());
      out.put("network", ro.network().name());
      out.put("scope", scope);
      try {
        report = new BranchVerifier(ro.network()).verify(BranchSource.of(ro.store), s);
        if (!report.ok()) {
          where = report.fault();
          fault = where.toString();
        } else if (s == BranchVerifier.Scope.FULL) {
          Optional<String> index = ro.store.checkIndexes();
          if (index.isPresent()) {
            fault = "INDEX_MISMATCH: " + index.get();
          }
        }
      } catch (StoreCorruptionException e) {
        fault = "STORE_CORRUPT: " + e.getMessage();
      }
    } catch (StoreCorruptionException e) {
      fault = "STORE_CORRUPT: " + e.getMessage();
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (report != null) {
      out.put("blocks", report.blocks() + 1);
      out.put("records", report.records());
      out.put("sealedRecords", report.sealedRecords());
      out.put("unsealedRecords", report.unsealedRecords());
      out.put("invalidBlocks", report.invalidBlocks());
    }
    out.put("ok", fault == null);
    if (fault != null) {
      out.put("fault", fault);
      if (where != null) {
        out.put("faultKind", where.kind().name());
        out.put("faultBlock", where.blockNo());
        if (where.txId() != null) {
          out.put("faultTxId", where.txId().toHex());
        }
      }
    }
    out.put("millis", ms);
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else if (fault == null) {
      System.out.printf(
          "OK: %s blocks, %s records (%s sealed, %s unsealed), %s invalid blocks; %s check in"
              + " %d ms%n",
          out.get("blocks"),
          out.get("records"),
          out.get("sealedRecords"),
          out.get("unsealedRecords"),
          out.get("invalidBlocks"),
          scope,
          ms);
    } else {
      System.out.println("FAULT: " + fault);
    }
    return fault == null ? 0 : 1;
  }
}
