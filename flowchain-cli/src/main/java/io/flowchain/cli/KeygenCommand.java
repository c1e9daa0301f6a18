package io.flowchain.cli;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain keygen}: makes a node key. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
      "Generates an Ed25519 node key and writes it to a file readable by its owner only.",
      "The node id is SHA-1 of the public key. A file name ending in .json gets the JSON key"
          + " format; any other name gets PEM (PKCS#8). Existing files are never overwritten."
    })
public final class KeygenCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--out"},
      required = true,
      description = "Where to write the private key (e.g. node.pem or node.json).")
  Path out;

  @Option(names = "--public-out", description = "Also write the public key (PEM) here.")
  Path publicOut;

  @Option(names = "--json", description = "Print the node id and public key as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    for (Path p : publicOut == null ? new Path[] {out} : new Path[] {out, publicOut}) {
      if (Files.exists(p)) {
        throw new IllegalArgumentException(p + " already exists; not overwriting it");
      }
    }
    NodeKeyPair keys = NodeKeyPair.generate();
    KeyFiles.writeKeyPair(out, keys);
    if (publicOut != null) {
      Files.writeString(publicOut, KeyFiles.toPem(keys.publicKey()));
    }
    if (json) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("nodeId", keys.nodeId().toHex());
      m.put("publicKey", keys.publicKey().toHex());
      m.put("keyFile", out.toString());
      System.out.println(Json.MAPPER.writeValueAsString(m));
    } else {
      System.out.println("wrote " + out);
      System.out.println("node id:    " + keys.nodeId());
      System.out.println("public key: " + keys.publicKey());
    }
    return 0;
  }
}
