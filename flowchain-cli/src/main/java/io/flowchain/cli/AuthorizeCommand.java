package io.flowchain.cli;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.SystemClock;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowchain network authorize}: an administrator admits a node to the network. */
@Command(
    name = "authorize",
    mixinStandardHelpOptions = true,
    description = {
      "Issues a membership certificate: the administrator's signature admitting one node key to"
          + " the network for a validity period. The node presents it to every peer it connects"
          + " to; peers refuse nodes without a valid certificate of this network.",
      "The node key may be given as a private or public key file (PEM or JSON) or as 64 hex"
          + " digits, so the node's private key never has to leave the node."
    })
final class AuthorizeCommand implements Callable<Integer> {
  private static final long DAY_MILLIS = 86_400_000L;

  @Option(
      names = "--network",
      required = true,
      description = "The network definition (network.json).")
  Path network;

  @Option(
      names = "--admin-key",
      required = true,
      description = "The administrator's private key; must be one of the network's administrators.")
  Path adminKey;

  @Option(
      names = "--node-key",
      required = true,
      description =
          "The node's key: a private or public key file, or the public key as 64 hex digits.")
  String nodeKey;

  @Option(
      names = "--out",
      description =
          "Where to write the certificate (default: the node key file's name with"
              + " .cert.json, or <node id prefix>.cert.json).")
  Path out;

  @Option(
      names = "--days",
      description = "Validity in days from --not-before (default: ${DEFAULT-VALUE}).")
  int days = 365;

  @Option(
      names = "--not-before",
      description = "Start of validity, ms since the epoch (default: now).")
  Long notBefore;

  @Option(
      names = "--role",
      split = ",",
      description = "Roles to grant (a-z, 0-9, . _ -), comma-separated or repeated.")
  List<String> roles = new ArrayList<>();

  @Option(names = "--json", description = "Print what was issued as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (days < 1 || days > 36_500) {
      throw new IllegalArgumentException("--days must be in [1, 36500]: " + days);
    }
    NetworkParams params = NetworkJson.read(network).params();
    NodeKeyPair admin = KeyFiles.readKeyPair(adminKey);
    if (!params.administrators().contains(admin.publicKey())) {
      throw new IllegalArgumentException(
          adminKey + " is not an administrator key of network \"" + params.name() + "\"");
    }
    NodePublicKey node = readNodeKey();
    Path target = out != null ? out : defaultOut(node);
    if (Files.exists(target)) {
      throw new IllegalArgumentException(target + " already exists; not overwriting it");
    }
    long from = notBefore != null ? notBefore : SystemClock.INSTANCE.nowMillis();
    if (from < 0) {
      throw new IllegalArgumentException("--not-before must not be negative");
    }
    MembershipCertificate cert =
        MembershipCertificate.issue(
            admin, Genesis.of(params).hash(), node, from, from + days * DAY_MILLIS, roles);
    CertificateJson.write(target, cert);
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("certificate", target.toString());
      m.put("network", params.name());
      m.put("nodeId", cert.nodeId().toHex());
      m.put("notBefore", cert.notBefore());
      m.put("notAfter", cert.notAfter());
      m.put("roles", cert.roles());
      System.out.println(Json.MAPPER.writeValueAsString(m));
    } else {
      System.out.println("wrote " + target);
      System.out.println("node id:    " + cert.nodeId());
      System.out.println("network:    " + params.name() + " (genesis " + cert.genesisHash() + ")");
      System.out.println(
          "valid:      "
              + java.time.Instant.ofEpochMilli(cert.notBefore())
              + " to "
              + java.time.Instant.ofEpochMilli(cert.notAfter()));
    }
    return 0;
  }

  private NodePublicKey readNodeKey() throws Exception {
    Path file = Path.of(nodeKey);
    if (Files.isRegularFile(file)) {
      return KeyFiles.readPublicKey(file);
    }
    if (nodeKey.matches("[0-9a-fA-F]{64}")) {
      return NodePublicKey.parse(nodeKey.toLowerCase(java.util.Locale.ROOT));
    }
    throw new IllegalArgumentException(
        "--node-key " + nodeKey + " is neither a key file nor 64 hex digits");
  }

  private Path defaultOut(NodePublicKey node) {
    Path file = Path.of(nodeKey);
    if (Files.isRegularFile(file)) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String base = dot > 0 ? name.substring(0, dot) : name;
      return file.resolveSibling(base + ".cert.json");
    }
    return Path.of(node.nodeId().toHex().substring(0, 8) + ".cert.json");
  }
}
