package io.flowchain.net.membership;

import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An administrator's permission for one node key to be a member of one network (paper §3): the
 * administrator's Ed25519 signature over the canonical bytes of the network's genesis hash, the
 * node's public key and id, a validity window and optional roles (docs/protocol.md §12). A node
 * presents it at every connection; {@link NetworkTrust} decides whether to accept it.
 *
 * <p>The constructor checks the form only (sizes, id = SHA-1 of the key, window, roles); whether
 * the signature verifies and whether the issuer is an administrator is {@link NetworkTrust}'s
 * business.
 */
public record MembershipCertificate(
    Hash genesisHash,
    NodePublicKey nodeKey,
    NodeId nodeId,
    long notBefore,
    long notAfter,
    List<String> roles,
    NodePublicKey issuer,
    Signature signature) {

  static final String TAG = "flowchain/membership/v1";
  public static final int MAX_ROLES = 16;
  private static final Pattern ROLE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

  public MembershipCertificate {
    require(genesisHash, "genesis hash");
    require(nodeKey, "node key");
    require(nodeId, "node id");
    require(issuer, "issuer key");
    require(signature, "signature");
    if (!nodeKey.nodeId().equals(nodeId)) {
      throw new IllegalArgumentException(
          "certificate node id "
              + nodeId
              + " is not SHA-1 of its node key ("
              + nodeKey.nodeId()
              + ")");
    }
    if (notBefore < 0 || notAfter < notBefore) {
      throw new IllegalArgumentException(
          "certificate validity must satisfy 0 <= notBefore <= notAfter: "
              + notBefore
              + ", "
              + notAfter);
    }
    roles = roles == null ? List.of() : List.copyOf(roles);
    if (roles.size() > MAX_ROLES) {
      throw new IllegalArgumentException("at most " + MAX_ROLES + " roles: " + roles.size());
    }
    for (String r : roles) {
      if (!ROLE.matcher(r).matches()) {
        throw new IllegalArgumentException(
            "role must be 1-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or"
                + " digit: "
                + r);
      }
    }
    if (new HashSet<>(roles).size() != roles.size()) {
      throw new IllegalArgumentException("roles must not repeat: " + roles);
    }
  }

  /** Issues a certificate: {@code admin} signs membership of {@code node} in network genesis. */
  public static MembershipCertificate issue(
      NodeKeyPair admin,
      Hash genesisHash,
      NodePublicKey node,
      long notBefore,
      long notAfter,
      List<String> roles) {
    MembershipCertificate unsigned =
        new MembershipCertificate(
            genesisHash,
            node,
            node.nodeId(),
            notBefore,
            notAfter,
            roles,
            admin.publicKey(),
            Signature.NONE);
    return unsigned.withSignature(admin.sign(unsigned.signingInput()));
  }

  /**
   * The bytes the issuer signs: tag, genesis hash, node key, node id, notBefore, notAfter, roles,
   * issuer key.
   */
  public byte[] signingInput() {
    CanonicalWriter w = new CanonicalWriter(200);
    w.tag(TAG).fixed(genesisHash).fixed(nodeKey).fixed(nodeId).i64(notBefore).i64(notAfter);
    w.u16(roles.size());
    for (String r : roles) {
      w.string(r);
    }
    return w.fixed(issuer).toByteArray();
  }

  /** Whether the signature is the issuer's over {@link #signingInput()}. */
  public boolean signatureValid() {
    return issuer.verify(signingInput(), signature);
  }

  /** Whether {@code millis} lies in [notBefore, notAfter]. */
  public boolean validAt(long millis) {
    return millis >= notBefore && millis <= notAfter;
  }

  public MembershipCertificate withSignature(Signature s) {
    return new MembershipCertificate(
        genesisHash, nodeKey, nodeId, notBefore, notAfter, roles, issuer, s);
  }

  private static void require(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("certificate " + what + " is missing");
    }
  }
}
