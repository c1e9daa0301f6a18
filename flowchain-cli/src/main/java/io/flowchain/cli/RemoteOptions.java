package io.flowchain.cli;

import io.flowchain.cli.net.ClientSession;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running network: through which node, and as which member (a client needs
 * a membership certificate of its own, like a node).
 */
public final class RemoteOptions {
  @Option(
      names = "--node",
      paramLabel = "HOST:PORT",
      description =
          "A running node to send the request through (its WebSocket port), as HOST:PORT,"
              + " ws://HOST:PORT or NODEID@ws://HOST:PORT.")
  String node;

  @Option(
      names = "--network",
      paramLabel = "FILE",
      description = "With --node: the network definition (network.json).")
  Path network;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "With --node: this client's key file (PEM or JSON).")
  Path key;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description =
          "With --node: this client's membership certificate (flowchain network authorize).")
  Path cert;

  @Option(
      names = "--listen",
      paramLabel = "HOST",
      description =
          "With --node: the address the nodes send their answers to (an ephemeral port on it is"
              + " used). Default: ${DEFAULT-VALUE}.")
  String listen = "127.0.0.1";

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "With --node: how long to wait for the answer (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds = 60;

  boolean given() {
    return node != null;
  }

  ClientSession open() throws IOException {
    return ClientSession.open(network, key, cert, node, listen);
  }
}
