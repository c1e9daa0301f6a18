package io.flowchain.net;

import io.flowchain.core.crypto.Hashes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS certificate a node's {@code wss} listener and its {@code coaps} endpoint present. Peers
 * do not check it against any authority: the membership handshake authenticates the node, and it
 * signs a channel binding (the SHA-256 of this certificate over {@code wss}, a value exported from
 * the DTLS session over {@code coaps}; docs/protocol.md §12), so a man in the middle who terminates
 * TLS or DTLS cannot complete the handshake. A self-signed certificate, made at start, is therefore
 * enough.
 */
public final class TlsIdentity {
  private static final char[] PASSWORD = "flowchain".toCharArray();

  private final KeyStore keyStore;
  private final X509Certificate certificate;
  private final byte[] hash;

  private TlsIdentity(KeyStore keyStore, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
    this.hash = hash(certificate);
  }

  /** A fresh EC P-256 key and a self-signed certificate for {@code commonName}, valid one year. */
  public static TlsIdentity selfSigned(String commonName) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair keys = gen.generateKeyPair();
      long now = System.currentTimeMillis();
      X500Name name = new X500Name("CN=" + commonName);
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          new BigInteger(64, new SecureRandom()),
                          new Date(now - 86_400_000L),
                          new Date(now + 365 * 86_400_000L),
                          name,
                          keys.getPublic())
                      .build(
                          new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("node", keys.getPrivate(), PASSWORD, new Certificate[] {cert});
      return new TlsIdentity(ks, cert);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a TLS certificate: " + e.getMessage(), e);
    }
  }

  KeyStore keyStore() {
    return keyStore;
  }

  /** The certificate's private key (for the DTLS connector of the {@code coaps} binding). */
  PrivateKey privateKey() {
    try {
      return (PrivateKey) keyStore.getKey("node", PASSWORD);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the TLS key cannot be read: " + e.getMessage(), e);
    }
  }

  String password() {
    return new String(PASSWORD);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** SHA-256 of the certificate's DER encoding: the channel binding value. */
  public byte[] certificateHash() {
    return hash.clone();
  }

  static byte[] hash(Certificate c) {
    try {
      return Hashes.sha256(c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
