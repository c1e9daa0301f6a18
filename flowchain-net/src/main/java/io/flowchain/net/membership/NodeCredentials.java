package io.flowchain.net.membership;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.types.NodeId;

/**
 * A node's own identity on the network: its key pair and the certificate an administrator issued
 * for it.
 */
public record NodeCredentials(NodeKeyPair keys, MembershipCertificate certificate) {
  public NodeCredentials {
    if (keys == null || certificate == null) {
      throw new IllegalArgumentException("node credentials need a key pair and a certificate");
    }
    if (!certificate.nodeKey().equals(keys.publicKey())) {
      throw new IllegalArgumentException(
          "the certificate is for node "
              + certificate.nodeId()
              + ", not for this key (node "
              + keys.nodeId()
              + ")");
    }
  }

  public NodeId nodeId() {
    return keys.nodeId();
  }
}
