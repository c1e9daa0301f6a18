package io.flowchain.cli.net;

import io.flowchain.core.crypto.KeyFiles;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkJson;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.core.port.SystemClock;
import io.flowchain.dht.Peer;
import io.flowchain.net.NetConfig;
import io.flowchain.net.WebSocketTransport;
import io.flowchain.net.membership.CertificateJson;
import io.flowchain.net.membership.MembershipCertificate;
import io.flowchain.net.membership.NetworkTrust;
import io.flowchain.net.membership.NodeCredentials;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.RemoteClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link RemoteClient} over WebSocket for the commands that talk to running nodes ({@code put},
 * {@code get --node}, {@code query --node}): the client's own WebSocket binding on an ephemeral
 * port (where the members send their answers), authenticated with its membership certificate, and
 * an entry node.
 */
public final class ClientSession implements AutoCloseable {
  private final ExecutorScheduler scheduler;
  private final WebSocketTransport transport;
  private final RemoteClient client;

  private ClientSession(
      ExecutorScheduler scheduler, WebSocketTransport transport, RemoteClient client) {
    this.scheduler = scheduler;
    this.transport = transport;
    this.client = client;
  }

  /**
   * Opens a session with the credentials of {@code keyFile} and {@code certFile} on the network of
   * {@code networkFile}, listening on {@code listenHost}, entering the ring at {@code node} (as
   * {@link PeerLocator} reads it).
   */
  public static ClientSession open(
      Path networkFile, Path keyFile, Path certFile, String node, String listenHost)
      throws IOException {
    return open(networkFile, keyFile, certFile, node, listenHost, NodeConfig.defaults());
  }

  /** As above, with the request timeouts, attempts and walk bounds of {@code config}. */
  public static ClientSession open(
      Path networkFile,
      Path keyFile,
      Path certFile,
      String node,
      String listenHost,
      NodeConfig config)
      throws IOException {
    for (Path p : new Path[] {networkFile, keyFile, certFile}) {
      if (p == null) {
        throw new IllegalArgumentException(
            "talking to a node needs --network, --key and --cert (a membership certificate for"
                + " this client's key: flowchain network authorize)");
      }
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("no file " + p);
      }
    }
    NetworkParams params = NetworkJson.read(networkFile).params();
    NodeKeyPair keys = KeyFiles.readKeyPair(keyFile);
    MembershipCertificate cert = CertificateJson.read(certFile);
    NodeCredentials credentials = new NodeCredentials(keys, cert);
    NetworkTrust trust = NetworkTrust.of(params, SystemClock.INSTANCE);
    trust.check(cert);
    Peer entry = PeerLocator.locate(node, Duration.ofSeconds(10));
    ExecutorScheduler scheduler = new ExecutorScheduler("flowchain-client");
    WebSocketTransport transport =
        new WebSocketTransport(credentials, trust, scheduler, listenHost, 0, NetConfig.defaults());
    try {
      transport.start();
    } catch (Exception e) {
      scheduler.close();
      throw new IllegalStateException("cannot listen on " + listenHost + ": " + e.getMessage(), e);
    }
    RemoteClient client = new RemoteClient(transport, scheduler, entry, config);
    return new ClientSession(scheduler, transport, client);
  }

  public RemoteClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    transport.close();
    scheduler.close();
  }
}
