package io.flowchain.wot.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.wot.Problem;
import io.flowchain.wot.Submitted;
import io.flowchain.wot.ThingNode;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.WotJson;
import io.flowchain.wot.broker.DeviceRegistry.DeviceState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device broker: readings that devices push ({@code /object/{id}/send} over WebSocket, CoAP or
 * HTTP) go through the node's data path; each acknowledged reading, with its receipt, goes to the
 * object's viewers; presence changes go to the object's status watchers. The bindings only carry
 * bytes to and from here. Thread-safe; sinks are called on the thread that completes the reading
 * (the node's callback thread) and must not block.
 */
public final class Broker {
  private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

  /** Names of the bindings, as device states and Thing Descriptions show them. */
  public static final String WEBSOCKET = "websocket";

  public static final String COAP = "coap";
  public static final String HTTP = "http";

  /** A watcher's registration; closing it stops the messages. */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private final ThingNode node;
  private final WotConfig config;
  private final DeviceRegistry devices;
  private final Map<String, List<Consumer<String>>> viewers = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<String>>> watchers = new ConcurrentHashMap<>();

  /** Watchers of every object's readings, under {@link #ALL}. */
  private static final String ALL = "*";

  public Broker(ThingNode node, WotConfig config, LongSupplier wallMillis) {
    this.node = node;
    this.config = config;
    this.devices = new DeviceRegistry(config.maxDevices(), wallMillis);
  }

  public DeviceRegistry devices() {
    return devices;
  }

  public ThingNode node() {
    return node;
  }

  /**
   * Takes one reading of device {@code objectId}: checks it (object id, media type, size, JSON),
   * submits it and, once the ledger acknowledged it, tells the object's viewers. The future fails
   * with a {@link Problem} saying why a reading was refused or not recorded.
   */
  public CompletableFuture<Submitted> send(
      String objectId, String contentType, byte[] body, String binding) {
    String type;
    byte[] data;
    try {
      Readings.objectId(objectId);
      type = Readings.contentType(contentType);
      data = Readings.body(body, type);
      devices.admit(objectId);
    } catch (Problem p) {
      return CompletableFuture.failedFuture(p);
    }
    CompletableFuture<Submitted> submitted;
    try {
      submitted = node.submit(objectId, type, data);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(Problem.badRequest(e.getMessage()));
    }
    return submitted.handle(
        (s, error) -> {
          if (error != null) {
            throw Problem.of(error);
          }
          boolean cameOnline = devices.reading(objectId, binding, !binding.equals(WEBSOCKET));
          String message = viewerMessage(s).toString();
          publish(viewers, objectId, message);
          publish(viewers, ALL, message);
          if (cameOnline) {
            devices.state(objectId).ifPresent(this::publishStatus);
          }
          return s;
        });
  }

  /** What viewers get for each reading: the record and its receipt. */
  public static ObjectNode viewerMessage(Submitted s) {
    ObjectNode n = WotJson.MAPPER.createObjectNode();
    n.put("type", "record");
    n.put("objectId", s.record().objectId());
    n.set("record", WotJson.record(s.record()));
    n.set("receipt", WotJson.receipt(s));
    return n;
  }

  /** A device's presence, as status watchers get it. */
  public static ObjectNode statusMessage(String objectId, DeviceState d) {
    ObjectNode n = WotJson.MAPPER.createObjectNode();
    n.put("type", "status");
    n.put("objectId", objectId);
    n.put("online", d != null && d.online());
    n.put("connections", d == null ? 0 : d.connections());
    n.put("readings", d == null ? 0 : d.readings());
    if (d == null) {
      n.putNull("lastSeen");
    } else {
      n.put("lastSeen", d.lastSeen());
    }
    var bindings = n.putArray("bindings");
    if (d != null) {
      d.bindings().forEach(bindings::add);
    }
    return n;
  }

  /** The current status message of {@code objectId} (known or not). */
  public ObjectNode status(String objectId) {
    return statusMessage(objectId, devices.state(objectId).orElse(null));
  }

  /** Device {@code objectId} opened a connection (a WebSocket on {@code /send}). */
  public void connected(String objectId, String binding) {
    publishStatus(devices.connected(objectId, binding));
  }

  /** That connection closed. */
  public void disconnected(String objectId) {
    devices.disconnected(objectId).ifPresent(this::publishStatus);
  }

  /** Sends every acknowledged reading of {@code objectId} to {@code sink}, from now on. */
  public Subscription watchRecords(String objectId, Consumer<String> sink) {
    return add(viewers, objectId, sink);
  }

  /**
   * Sends every acknowledged reading of any object, as {@link #watchRecords} does for one, to
   * {@code sink} from now on (the dashboard's stream); as many watchers as one object may have.
   */
  public Subscription watchAllRecords(Consumer<String> sink) {
    return add(viewers, ALL, sink);
  }

  /** Sends every presence change of {@code objectId} to {@code sink}, from now on. */
  public Subscription watchStatus(String objectId, Consumer<String> sink) {
    return add(watchers, objectId, sink);
  }

  private Subscription add(
      Map<String, List<Consumer<String>>> map, String objectId, Consumer<String> sink) {
    if (!objectId.equals(ALL)) {
      Readings.objectId(objectId);
    }
    List<Consumer<String>>[] added = new List[1];
    map.compute(
        objectId,
        (k, list) -> {
          List<Consumer<String>> l = list == null ? new CopyOnWriteArrayList<>() : list;
          if (l.size() >= config.maxViewersPerObject()) {
            return l;
          }
          l.add(sink);
          added[0] = l;
          return l;
        });
    if (added[0] == null) {
      throw Problem.unavailable(
          "object " + objectId + " has " + config.maxViewersPerObject() + " watchers already");
    }
    return () ->
        map.computeIfPresent(
            objectId,
            (k, list) -> {
              list.remove(sink);
              return list.isEmpty() ? null : list;
            });
  }

  private void publishStatus(DeviceState d) {
    publish(watchers, d.objectId(), statusMessage(d.objectId(), d).toString());
  }

  private static void publish(
      Map<String, List<Consumer<String>>> map, String objectId, String message) {
    List<Consumer<String>> sinks = map.get(objectId);
    if (sinks == null) {
      return;
    }
    for (Consumer<String> sink : sinks) {
      try {
        sink.accept(message);
      } catch (RuntimeException e) {
        LOG.debug("a watcher of {} failed: {}", objectId, e.toString());
      }
    }
  }
}
