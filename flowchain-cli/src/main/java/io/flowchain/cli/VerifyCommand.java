package io.flowchain.cli;

import io.flowchain.cli.node.DataDirVerification;
import io.flowchain.cli.node.NodeCommand;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.inventory.ChainAuditor;
import io.flowchain.core.inventory.InventoryFile;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowchain verify}: audits a node's data directory, an exported branch or an inventory
 * file.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verifies a branch in full and reports the first fault precisely: genesis, every hash link"
          + " and signature, every seal against the records it seals, every record (data key,"
          + " txID, recorder signature).",
      "  verify --data-dir DIR   the branch stored in a node's data directory (also checks that"
          + " the store's indexes match its records; reads beside a running node);",
      "  verify FILE             a branch export (.fcb) or an inventory file (.fcm), offline; for"
          + " an inventory, also the merged chain against every branch and the administrator's"
          + " signature.",
      "Exit code 0: everything checks out; 1: a fault was found; 2: bad usage, or a file in"
          + " neither format.",
      ""
    })
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "FILE", description = "A .fcb or .fcm file to audit.")
  Path file;

  @Option(names = "--data-dir", description = "A node's data directory to verify.")
  Path dataDir;

  @Option(
      names = "--scope",
      description =
          "With --data-dir: full (everything) or quick (headers, and the records of unsealed"
              + " blocks, as a node checks at start). Default: ${DEFAULT-VALUE}.")
  String scope = "full";

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ((file == null) == (dataDir == null)) {
      throw new IllegalArgumentException("give either FILE or --data-dir DIR");
    }
    if (dataDir != null) {
      return print(DataDirVerification.run(dataDir, NodeCommand.scope(scope)));
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    String magic;
    try (InputStream in = Files.newInputStream(file)) {
      magic = new String(in.readNBytes(8), StandardCharsets.US_ASCII);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("file", file.toString());
    String fault;
    try {
      fault = audit(magic, result);
    } catch (MalformedEncodingException e) {
      fault = "the file is damaged: " + e.getMessage();
    }
    result.put("ok", fault == null);
    if (fault != null) {
      result.put("fault", fault);
    }
    return print(result);
  }

  private int print(Map<String, Object> result) throws Exception {
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(result));
    } else {
      result.forEach((k, v) -> System.out.println(k + ": " + v));
    }
    return Boolean.TRUE.equals(result.get("ok")) ? 0 : 1;
  }

  private String audit(String magic, Map<String, Object> result) throws java.io.IOException {
    String fault;
    switch (magic) {
      case "FCBRANCH" -> {
        try (ExportedBranch b = ExportedBranch.open(file)) {
          VerificationReport r = new BranchVerifier(b.params()).verify(b);
          result.put("kind", "branch");
          result.put("network", b.params().name());
          result.put("blocks", r.blocks());
          result.put("records", r.records());
          result.put("sealedRecords", r.sealedRecords());
          result.put("invalidBlocks", r.invalidBlocks());
          result.put("approvals", r.approvals());
          fault = r.ok() ? null : r.fault().toString();
        }
      }
      case "FCMERGED" -> {
        try (InventoryFile inv = InventoryFile.open(file)) {
          ChainAuditor.AuditReport r =
              new ChainAuditor(inv.chain().params()).audit(inv.chain(), inv.branches(), m -> {});
          result.put("kind", "inventory");
          result.put("network", inv.chain().params().name());
          result.put("branches", r.branches());
          result.put("mergedBlocks", r.mergedBlocks());
          result.put("mergedRecords", r.mergedRecords());
          result.put("invalidBlocks", r.invalidBlocks());
          result.put("coins", r.coins());
          fault = r.fault();
        }
      }
      default ->
          throw new IllegalArgumentException(
              file + " is neither a branch export nor an inventory file");
    }
    return fault;
  }
}
