package io.flowchain.net;

import io.flowchain.net.membership.Handshake;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.elements.DtlsEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.DtlsDatagramFilter;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.ExtendedMasterSecretMode;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS 1.2 layer (Eclipse Scandium) of the {@code coaps} binding: one connector per node, on
 * the UDP port it listens and sends on, presenting the node's {@link TlsIdentity} (a raw public key
 * or its self-signed X.509 certificate) and accepting any peer's: the membership handshake
 * authenticates the peer, bound to the DTLS session by {@link #channel}. Two nodes share one DTLS
 * session for both directions, whichever of them opened it.
 *
 * <p>The channel binding is a value exported from the session's secrets (RFC 5705, label {@value
 * #LABEL}, no context, 32 bytes) over an extended master secret (RFC 7627, required): a man in the
 * middle holds two sessions with different secrets, so the two sides sign different values and both
 * proofs fail. Plain CoAP datagrams reaching this port are dropped, counted and logged (at most
 * once per {@link #LOG_INTERVAL_MILLIS} ms).
 */
final class CoapDtls {
  private static final Logger LOG = LoggerFactory.getLogger(CoapDtls.class);

  /** The RFC 5705 exporter label of the membership handshake's channel binding. */
  static final String LABEL = "EXPORTER-flowchain-channel-binding";

  static final long LOG_INTERVAL_MILLIS = 10_000;

  static {
    DtlsConfig.register();
  }

  private CoapDtls() {}

  /** Adds the DTLS settings of the binding to {@code c}. */
  static void configure(Configuration c, NetConfig config) {
    c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.BOTH);
    c.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
    c.set(DtlsConfig.DTLS_EXTENDED_MASTER_SECRET_MODE, ExtendedMasterSecretMode.REQUIRED);
    c.set(DtlsConfig.DTLS_SUPPORT_KEY_MATERIAL_EXPORT, true);
    c.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    c.setAsList(
        DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.RAW_PUBLIC_KEY, CertificateType.X_509);
    c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4 * config.maxPeers());
    c.set(
        DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD,
        Math.max(1, config.coapSessionTtlMillis() / 1000),
        TimeUnit.SECONDS);
    c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
    c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
  }

  /** A connector bound to {@code address}, presenting {@code identity}. */
  static DTLSConnector connector(
      Configuration c,
      InetSocketAddress address,
      TlsIdentity identity,
      String tag,
      AtomicLong plaintextDropped) {
    return new DTLSConnector(
        DtlsConnectorConfig.builder(c)
            .setAddress(address)
            .setLoggingTag(tag)
            .setCertificateIdentityProvider(
                new SingleCertificateProvider(
                    identity.privateKey(),
                    new Certificate[] {identity.certificate()},
                    CertificateType.RAW_PUBLIC_KEY,
                    CertificateType.X_509))
            .setAdvancedCertificateVerifier(
                StaticNewAdvancedCertificateVerifier.builder()
                    .setTrustAllRPKs()
                    .setTrustAllCertificates()
                    .build())
            .setDatagramFilter(new PlaintextFilter(c, plaintextDropped))
            .build());
  }

  /**
   * The channel binding of the DTLS session a message came over ({@code context}, its source
   * context), or null if that session is no longer the current one with that peer.
   */
  static byte[] channel(DTLSConnector connector, EndpointContext context) {
    DTLSContext current = connector.getDtlsContextByAddress(context.getPeerAddress());
    if (current == null || !sameSession(current, context)) {
      return null;
    }
    return current.exportKeyMaterial(
        LABEL.getBytes(StandardCharsets.US_ASCII), null, Handshake.CHANNEL_SIZE);
  }

  /** Identifies the DTLS session of {@code context}: equal for messages of one session only. */
  static SessionKey session(EndpointContext context) {
    Bytes id = context.get(DtlsEndpointContext.KEY_SESSION_ID);
    Long time = context.get(DtlsEndpointContext.KEY_HANDSHAKE_TIMESTAMP);
    return new SessionKey(id == null ? "" : id.getAsString(), time == null ? -1 : time);
  }

  private static boolean sameSession(DTLSContext current, EndpointContext context) {
    Bytes id = context.get(DtlsEndpointContext.KEY_SESSION_ID);
    Long time = context.get(DtlsEndpointContext.KEY_HANDSHAKE_TIMESTAMP);
    return id != null
        && time != null
        && time == current.getLastHandshakeTime()
        && Arrays.equals(id.getBytes(), current.getSession().getSessionIdentifier().getBytes());
  }

  /** A DTLS session: its id and when its handshake completed (a resumption changes the time). */
  record SessionKey(String id, long handshakeTime) {}

  /**
   * Scandium's filter of datagrams that are not DTLS records, which also tells the operator when
   * plain CoAP reaches this {@code coaps} port.
   */
  private static final class PlaintextFilter extends DtlsDatagramFilter {
    private final AtomicLong dropped;
    private final AtomicLong lastLog = new AtomicLong(Long.MIN_VALUE / 2);

    PlaintextFilter(Configuration c, AtomicLong dropped) {
      super(c);
      this.dropped = dropped;
    }

    @Override
    public boolean onReceiving(DatagramPacket packet) {
      if (super.onReceiving(packet)) {
        return true;
      }
      boolean coap =
          packet.getLength() >= 4 && (packet.getData()[packet.getOffset()] & 0xC0) == 0x40;
      dropped.incrementAndGet();
      long now = System.nanoTime();
      long last = lastLog.get();
      if (now - last >= TimeUnit.MILLISECONDS.toNanos(LOG_INTERVAL_MILLIS)
          && lastLog.compareAndSet(last, now)) {
        LOG.warn(
            "dropped a {} datagram from {}: this node speaks CoAP over DTLS only (coaps://)",
            coap ? "plain CoAP" : "non-DTLS",
            packet.getSocketAddress());
      }
      return false;
    }
  }
}
