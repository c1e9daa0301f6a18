package io.flowchain.wot.http;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the HTTP server serves besides the node's API: a readiness check for {@code /ready} and, if
 * given, a metrics page for {@code /metrics} (text, for example Prometheus' exposition format).
 *
 * @param ready whether the node is ready for requests (null: ready while it is a ring member)
 * @param metrics the metrics page and its content type, or null for no {@code /metrics} route
 */
public record HttpOptions(BooleanSupplier ready, Supplier<Metrics> metrics) {
  /** A metrics page. */
  public record Metrics(String contentType, String body) {}

  public static HttpOptions defaults() {
    return new HttpOptions(null, null);
  }
}
