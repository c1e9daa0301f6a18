package io.flowchain.wot;

/**
 * A node's identity as its Thing Description shows it.
 *
 * @param nodeId the node id, 40 hex digits
 * @param publicKey the node's Ed25519 public key, hex
 * @param network the name of the network it belongs to
 */
public record NodeInfo(String nodeId, String publicKey, String network) {
  public NodeInfo {
    if (nodeId == null || !nodeId.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("node id must be 40 lower-case hex digits: " + nodeId);
    }
    if (publicKey == null || network == null) {
      throw new IllegalArgumentException("public key and network are required");
    }
  }
}
