package io.flowchain.net.wire;

import io.flowchain.net.membership.MembershipCertificate;
import java.util.Arrays;

/**
 * {@code {"hello": {"version": 1, "certificate": {...}, "nonce": ..., "address": ...}}}: the first
 * frame of each side of a handshake: the sender's membership certificate, a fresh 32-byte challenge
 * for the other side, and the address at which the sender is reached. Over CoAP the server's hello
 * also carries its proof ({@code {"hello": {...}, "proof": {...}}}); {@link #proof()} is then set.
 */
public record Hello(MembershipCertificate certificate, byte[] nonce, String address, Proof proof)
    implements Frame {
  public static final int VERSION = 1;
  public static final int NONCE_SIZE = 32;

  public Hello {
    if (certificate == null) {
      throw new IllegalArgumentException("hello needs a membership certificate");
    }
    if (nonce == null || nonce.length != NONCE_SIZE) {
      throw new IllegalArgumentException("hello nonce must be " + NONCE_SIZE + " bytes");
    }
    WireCodec.checkAddress(address);
    nonce = nonce.clone();
  }

  public Hello(MembershipCertificate certificate, byte[] nonce, String address) {
    this(certificate, nonce, address, null);
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  /** This hello with {@code proof} attached (the CoAP server's answer to a hello). */
  public Hello withProof(Proof proof) {
    return new Hello(certificate, nonce, address, proof);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hello h
        && certificate.equals(h.certificate)
        && Arrays.equals(nonce, h.nonce)
        && address.equals(h.address)
        && java.util.Objects.equals(proof, h.proof);
  }

  @Override
  public int hashCode() {
    return certificate.hashCode() * 31 + Arrays.hashCode(nonce);
  }

  @Override
  public String toString() {
    return "Hello[" + certificate.nodeId() + "@" + address + (proof == null ? "" : ", proof") + "]";
  }
}
