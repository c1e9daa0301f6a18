package io.flowchain.cli;

import static io.flowchain.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.cli.CliRun.Result;
import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.port.SystemClock;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowchain network authorize} as an administrator runs it. */
class NetworkAuthorizeTest {

  private static Path init(Path dir) {
    Path network = dir.resolve("network.json");
    Result r =
        run(
            "network",
            "init",
            "--name",
            "plant-7",
            "--out",
            network.toString(),
            "--admin-key-out",
            dir.resolve("admin.pem").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return network;
  }

  @Test
  void anAdministratorAuthorizesANodeAndTheCertificateVerifies(@TempDir Path dir) throws Exception {
    Path network = init(dir);
    Path nodeKey = dir.resolve("node.pem");
    assertThat(run("keygen", "--out", nodeKey.toString()).exit()).isZero();
    Result r =
        run(
            "network",
            "authorize",
            "--network",
            network.toString(),
            "--admin-key",
            dir.resolve("admin.pem").toString(),
            "--node-key",
            nodeKey.toString(),
            "--days",
            "30",
            "--role",
            "gateway,miner");
    assertThat(r.exit()).as(r.err()).isZero();
    Path certFile = dir.resolve("node.cert.json");
    assertThat(r.out()).contains("wrote " + certFile);
    MembershipCertificate cert = CertificateJson.read(certFile);
    NodeKeyPair node = KeyFiles.readKeyPair(nodeKey);
    assertThat(cert.nodeKey()).isEqualTo(node.publicKey());
    assertThat(cert.roles()).containsExactly("gateway", "miner");
    assertThat(cert.notAfter() - cert.notBefore()).isEqualTo(30 * 86_400_000L);
    NetworkTrust trust = NetworkTrust.of(NetworkJson.read(network).params(), SystemClock.INSTANCE);
    trust.check(cert);
    // the same again refuses to overwrite
    Result again =
        run(
            "network",
            "authorize",
            "--network",
            network.toString(),
            "--admin-key",
            dir.resolve("admin.pem").toString(),
            "--node-key",
            nodeKey.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
  }

  @Test
  void aPublicKeyInHexIsEnough(@TempDir Path dir) throws Exception {
    Path network = init(dir);
    NodeKeyPair node = NodeKeyPair.generate();
    Path out = dir.resolve("n.cert.json");
    Result r =
        run(
            "network",
            "authorize",
            "--network",
            network.toString(),
            "--admin-key",
            dir.resolve("admin.pem").toString(),
            "--node-key",
            node.publicKey().toHex(),
            "--out",
            out.toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).get("nodeId").asText())
        .isEqualTo(node.nodeId().toHex());
    assertThat(CertificateJson.read(out).nodeKey()).isEqualTo(node.publicKey());
  }

  @Test
  void aKeyThatIsNotAnAdministratorIsRefused(@TempDir Path dir) throws Exception {
    Path network = init(dir);
    Path notAdmin = dir.resolve("other.pem");
    KeyFiles.writeKeyPair(notAdmin, NodeKeyPair.generate());
    Result r =
        run(
            "network",
            "authorize",
            "--network",
            network.toString(),
            "--admin-key",
            notAdmin.toString(),
            "--node-key",
            NodeKeyPair.generate().publicKey().toHex());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not an administrator key");
    Result bad =
        run(
            "network",
            "authorize",
            "--network",
            network.toString(),
            "--admin-key",
            dir.resolve("admin.pem").toString(),
            "--node-key",
            "nonsense");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("neither a key file nor 64 hex digits");
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".cert.json")).count()).isZero();
  }
}
