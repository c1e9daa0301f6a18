package io.flowchain.cli.node;

import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.Fault;
import io.flowchain.core.verify.VerificationReport;
import io.flowchain.store.rocksdb.StoreCorruptionException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies the branch kept in a node's data directory, read-only (so beside a running node): {@link
 * BranchVerifier} over the store, then, for the full scope, the store's indexes against its
 * records. The result is an ordered map ready to print as lines or JSON: counts, {@code ok}, and
 * for a fault its text, kind, block and txID.
 */
public final class DataDirVerification {
  private DataDirVerification() {}

  /** Verifies {@code dataDir}; the result's {@code ok} entry says whether all checked out. */
  public static Map<String, Object> run(Path dataDir, BranchVerifier.Scope scope) {
    long t0 = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dataDir", dataDir.toAbsolutePath().normalize().toString());
    out.put("kind", "data-dir");
    String fault = null;
    Fault where = null;
    VerificationReport report = null;
    try (DataDir.ReadOnly ro = new DataDir(dataDir).openReadOnly()) {
      out.put("network", ro.network().name());
      out.put("scope", scope == BranchVerifier.Scope.FULL ? "full" : "quick");
      try {
        report = new BranchVerifier(ro.network()).verify(BranchSource.of(ro.store), scope);
        if (!report.ok()) {
          where = report.fault();
          fault = where.toString();
        } else if (scope == BranchVerifier.Scope.FULL) {
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
    if (report != null) {
      out.put("blocks", report.blocks() + 1);
      out.put("records", report.records());
      out.put("sealedRecords", report.sealedRecords());
      out.put("unsealedRecords", report.unsealedRecords());
      out.put("invalidBlocks", report.invalidBlocks());
      out.put("approvals", report.approvals());
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
    out.put("millis", (System.nanoTime() - t0) / 1_000_000);
    return out;
  }
}
