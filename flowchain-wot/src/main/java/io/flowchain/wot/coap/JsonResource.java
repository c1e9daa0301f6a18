package io.flowchain.wot.coap;

import io.flowchain.wot.Problem;
import io.flowchain.wot.broker.RateLimits;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * A CoAP resource that answers JSON: checks the client's rate limit first (per address and port)
 * and answers failures as {@link Problem}s (the matching 4.xx/5.xx code, the problem document as an
 * application/json payload).
 */
class JsonResource extends CoapResource {
  private final RateLimits limits;

  JsonResource(String name, RateLimits limits) {
    super(name);
    this.limits = limits;
  }

  @Override
  public void handleRequest(Exchange exchange) {
    CoapExchange ex = new CoapExchange(exchange, this);
    boolean notification =
        exchange.getRequest().getCode() == Code.GET
            && exchange.getRelation() != null
            && exchange.getRelation().isEstablished();
    if (!notification && !limits.tryAcquire(ex.getSourceSocketAddress())) {
      problem(ex, Problem.tooManyRequests());
      return;
    }
    try {
      super.handleRequest(exchange);
    } catch (Problem p) {
      problem(ex, p);
    } catch (RuntimeException e) {
      problem(ex, Problem.of(e));
    }
  }

  static void json(CoapExchange ex, ResponseCode code, String json) {
    ex.respond(code, json, MediaTypeRegistry.APPLICATION_JSON);
  }

  static void problem(CoapExchange ex, Problem p) {
    ex.respond(code(p.status()), p.toJson(null).toString(), MediaTypeRegistry.APPLICATION_JSON);
  }

  /** Answers with what {@code f} gives (2.05, or {@code ok}), or with the problem it fails with. */
  static void respondLater(
      CoapExchange ex, ResponseCode ok, CompletableFuture<? extends Object> f) {
    f.whenComplete(
        (v, e) -> {
          if (e != null) {
            problem(ex, Problem.of(e));
          } else {
            json(ex, ok, v.toString());
          }
        });
  }

  /** The content format of a request's payload must be JSON, or absent (taken as JSON). */
  static void requireJson(CoapExchange ex) {
    int format = ex.getRequestOptions().getContentFormat();
    if (format != MediaTypeRegistry.UNDEFINED && format != MediaTypeRegistry.APPLICATION_JSON) {
      throw Problem.unsupportedMediaType(
          "the payload must be JSON (content format 50), not "
              + MediaTypeRegistry.toString(format));
    }
  }

  static ResponseCode code(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> ResponseCode.BAD_REQUEST;
      case 404 -> ResponseCode.NOT_FOUND;
      case 405 -> ResponseCode.METHOD_NOT_ALLOWED;
      case 413 -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
      case 415 -> ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
      case 429 -> ResponseCode.TOO_MANY_REQUESTS;
      case 501 -> ResponseCode.NOT_IMPLEMENTED;
      case 502 -> ResponseCode.BAD_GATEWAY;
      case 503 -> ResponseCode.SERVICE_UNAVAILABLE;
      case 504 -> ResponseCode.GATEWAY_TIMEOUT;
      default -> httpStatus < 500 ? ResponseCode.BAD_REQUEST : ResponseCode.INTERNAL_SERVER_ERROR;
    };
  }
}
