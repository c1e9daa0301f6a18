package io.flowchain.core.approval;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.Genesis;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What authorizes an endpoint to approve: its membership certificate (docs/protocol.md §12), in the
 * binary form its administrator signed, followed by the signature. The same certificate that {@code
 * flowchain network authorize --role endpoint} issues and the endpoint presents when it connects;
 * here it travels inside every {@link Approval}, so that the recorder, its replicas and any later
 * auditor can check it without the network layer.
 *
 * <p>The constructor checks the form only; {@link #problem} says whether the certificate admits its
 * key as an approver of a given network at a given time.
 */
public record ApproverCertificate(
    Hash genesisHash,
    NodePublicKey key,
    long notBefore,
    long notAfter,
    List<String> roles,
    NodePublicKey issuer,
    Signature signature) {

  /** The tag of membership certificates (§12): the same signature covers both uses. */
  static final String TAG = "flowchain/membership/v1";

  /** The role a certificate must carry for its key to approve records. */
  public static final String ENDPOINT_ROLE = "endpoint";

  /** Tolerated clock difference between the approver and the checker, in milliseconds. */
  public static final long SKEW_MILLIS = 60_000;

  private static final int MAX_ROLES = 16;

  public ApproverCertificate {
    if (genesisHash == null || key == null || issuer == null || signature == null) {
      throw new IllegalArgumentException("certificate field missing");
    }
    if (notBefore < 0 || notAfter < notBefore) {
      throw new IllegalArgumentException("certificate validity must be 0 <= notBefore <= notAfter");
    }
    roles = roles == null ? List.of() : List.copyOf(roles);
    if (roles.size() > MAX_ROLES) {
      throw new IllegalArgumentException("at most " + MAX_ROLES + " roles");
    }
  }

  /** The node id of the certified key. */
  public NodeId nodeId() {
    return key.nodeId();
  }

  /** The bytes the issuer signed (§12). */
  public byte[] signingInput() {
    CanonicalWriter w = new CanonicalWriter(200);
    w.tag(TAG).fixed(genesisHash).fixed(key).fixed(key.nodeId()).i64(notBefore).i64(notAfter);
    w.u16(roles.size());
    roles.forEach(w::string);
    return w.fixed(issuer).toByteArray();
  }

  /** {@link #signingInput()} followed by the 64-byte signature. */
  public byte[] toBytes() {
    return new CanonicalWriter(300).raw(signingInput()).fixed(signature).toByteArray();
  }

  /**
   * Reads {@link #toBytes()}.
   *
   * @throws IllegalArgumentException (a {@link MalformedEncodingException}) if malformed
   */
  public static ApproverCertificate parse(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    byte[] tag = r.raw(TAG.length() + 1);
    if (!java.util.Arrays.equals(tag, new CanonicalWriter().tag(TAG).toByteArray())) {
      throw new MalformedEncodingException("not a membership certificate (bad tag)");
    }
    Hash genesis = Hash.of(r.raw(Hash.SIZE));
    NodePublicKey key = NodePublicKey.of(r.raw(NodePublicKey.SIZE));
    NodeId id = NodeId.of(r.raw(NodeId.SIZE));
    if (!key.nodeId().equals(id)) {
      throw new MalformedEncodingException("certificate node id is not SHA-1 of its key");
    }
    long notBefore = r.i64();
    long notAfter = r.i64();
    int n = r.u16();
    if (n > MAX_ROLES) {
      throw new MalformedEncodingException("too many roles: " + n);
    }
    List<String> roles = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      roles.add(r.string());
    }
    NodePublicKey issuer = NodePublicKey.of(r.raw(NodePublicKey.SIZE));
    Signature sig = Signature.of(r.raw(Signature.SIZE));
    r.expectEnd();
    return new ApproverCertificate(genesis, key, notBefore, notAfter, roles, issuer, sig);
  }

  /**
   * Why this certificate does not let its key approve on the network of {@code params} at {@code
   * millis} (with {@link #SKEW_MILLIS} of tolerance), or empty if it does: it must be for this
   * network, issued by one of its administrators, carry the role {@value #ENDPOINT_ROLE}, be valid
   * then, and its signature must verify.
   */
  public Optional<String> problem(NetworkParams params, long millis) {
    if (!genesisHash.equals(Genesis.of(params).hash())) {
      return Optional.of("the approver's certificate is for another network");
    }
    if (!params.administrators().contains(issuer)) {
      return Optional.of("the approver's certificate is not issued by an administrator");
    }
    if (!roles.contains(ENDPOINT_ROLE)) {
      return Optional.of(
          "the approver's certificate does not carry the role '" + ENDPOINT_ROLE + "'");
    }
    if (millis < notBefore - SKEW_MILLIS || millis > notAfter + SKEW_MILLIS) {
      return Optional.of("the approver's certificate is not valid at " + millis);
    }
    if (!issuer.verify(signingInput(), signature)) {
      return Optional.of("the approver's certificate signature does not verify");
    }
    return Optional.empty();
  }

  /** Issues a certificate (tests, the demo): {@code admin} signs {@code key} for {@code params}. */
  public static ApproverCertificate issue(
      io.flowchain.core.crypto.NodeKeyPair admin,
      NetworkParams params,
      NodePublicKey key,
      long notBefore,
      long notAfter,
      List<String> roles) {
    ApproverCertificate unsigned =
        new ApproverCertificate(
            Genesis.of(params).hash(),
            key,
            notBefore,
            notAfter,
            roles,
            admin.publicKey(),
            Signature.NONE);
    return new ApproverCertificate(
        unsigned.genesisHash,
        key,
        notBefore,
        notAfter,
        unsigned.roles,
        admin.publicKey(),
        admin.sign(unsigned.signingInput()));
  }
}
