package io.flowchain.net;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * A man in the middle for the CoAP binding: it takes every POST on its own endpoint and sends it on
 * to {@code target} from another endpoint, then answers with the target's answer. With a {@link
 * TlsIdentity} both of its endpoints speak DTLS, so it holds one DTLS session with each side.
 */
final class CoapRelay implements AutoCloseable {
  private final CoapServer server;
  private final CoapEndpoint front;
  private final CoapEndpoint back;
  final AtomicLong forwarded = new AtomicLong();
  final AtomicLong answered = new AtomicLong();

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  CoapRelay(String target, TlsIdentity tls) {
    Configuration c = Configuration.createStandardWithoutFile();
    if (tls != null) {
      CoapDtls.configure(c, NetConfig.defaults());
    }
    front = endpoint(c, tls, "relay-front");
    back = endpoint(c, tls, "relay-back");
    server = new CoapServer(c);
    server.addEndpoint(front);
    server.setMessageDeliverer(
        new ServerMessageDeliverer(server.getRoot(), c) {
          @Override
          protected boolean preDeliverRequest(Exchange exchange) {
            forward(exchange, target);
            return true;
          }
        });
    server.start();
    try {
      back.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CoapEndpoint endpoint(Configuration c, TlsIdentity tls, String tag) {
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    CoapEndpoint.Builder b = new CoapEndpoint.Builder().setConfiguration(c).setLoggingTag(tag);
    if (tls == null) {
      b.setInetSocketAddress(any);
    } else {
      b.setConnector(CoapDtls.connector(c, any, tls, tag, new AtomicLong()));
    }
    return b.build();
  }

  private void forward(Exchange exchange, String target) {
    Request in = exchange.getRequest();
    Request out = Request.newPost();
    out.setURI(target + "/" + in.getOptions().getUriPathString());
    out.setPayload(in.getPayload());
    out.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    forwarded.incrementAndGet();
    back.sendRequest(out);
    Response answer;
    try {
      answer = out.waitForResponse(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (answer != null) {
      Response r = new Response(answer.getCode());
      r.setPayload(answer.getPayload());
      r.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
      exchange.sendResponse(r);
      answered.incrementAndGet();
    }
  }

  /** The relay's address under {@code scheme} (what the victim is told its peer is at). */
  String address(String scheme) {
    return scheme + "://127.0.0.1:" + front.getAddress().getPort();
  }

  @Override
  public void close() {
    server.destroy();
    back.destroy();
  }
}
