package io.flowchain.wot.broker;

import io.flowchain.wot.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The devices (objects) the broker has heard from since it started: how many connections each has
 * open now, how many readings it sent, when it was last heard. A device is <i>online</i> while it
 * has a WebSocket connection open, or for {@link #PRESENCE_WINDOW_MILLIS} after its last reading
 * over a connectionless binding (CoAP, HTTP). Bounded: a new device past {@code maxDevices} is
 * refused with 503. Thread-safe.
 */
public final class DeviceRegistry {
  /** How long a device that sent a reading without a connection counts as online. */
  public static final long PRESENCE_WINDOW_MILLIS = 60_000;

  /** One device's state at one moment. */
  public record DeviceState(
      String objectId,
      boolean online,
      int connections,
      long readings,
      long firstSeen,
      long lastSeen,
      List<String> bindings) {}

  private static final class Device {
    final String id;
    final long firstSeen;
    int connections;
    long readings;
    long lastSeen;
    long lastConnectionless = Long.MIN_VALUE;
    final TreeSet<String> bindings = new TreeSet<>();

    Device(String id, long now) {
      this.id = id;
      this.firstSeen = now;
      this.lastSeen = now;
    }
  }

  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final int maxDevices;
  private final LongSupplier wallMillis;

  public DeviceRegistry(int maxDevices, LongSupplier wallMillis) {
    this.maxDevices = maxDevices;
    this.wallMillis = wallMillis;
  }

  private Device device(String id) {
    Device d = devices.get(id);
    if (d != null) {
      return d;
    }
    if (devices.size() >= maxDevices) {
      throw Problem.unavailable(
          "this node serves at most " + maxDevices + " devices; " + id + " is not one of them");
    }
    return devices.computeIfAbsent(id, k -> new Device(k, wallMillis.getAsLong()));
  }

  /** A connection of device {@code id} opened over {@code binding}. */
  public DeviceState connected(String id, String binding) {
    Device d = device(id);
    synchronized (d) {
      d.connections++;
      d.bindings.add(binding);
      d.lastSeen = wallMillis.getAsLong();
      return stateOf(d);
    }
  }

  /** A connection of device {@code id} closed. */
  public Optional<DeviceState> disconnected(String id) {
    Device d = devices.get(id);
    if (d == null) {
      return Optional.empty();
    }
    synchronized (d) {
      d.connections = Math.max(0, d.connections - 1);
      return Optional.of(stateOf(d));
    }
  }

  /** Checks that device {@code id} may send (it is known, or there is room for it). */
  public void admit(String id) {
    device(id);
  }

  /** Device {@code id} sent a reading over {@code binding}; returns whether it just came online. */
  public boolean reading(String id, String binding, boolean connectionless) {
    Device d = device(id);
    synchronized (d) {
      boolean wasOnline = online(d, wallMillis.getAsLong());
      long now = wallMillis.getAsLong();
      d.readings++;
      d.lastSeen = now;
      d.bindings.add(binding);
      if (connectionless) {
        d.lastConnectionless = now;
      }
      return !wasOnline;
    }
  }

  public Optional<DeviceState> state(String id) {
    Device d = devices.get(id);
    if (d == null) {
      return Optional.empty();
    }
    synchronized (d) {
      return Optional.of(stateOf(d));
    }
  }

  /** Every device heard from, by object id. */
  public List<DeviceState> all() {
    List<DeviceState> out = new ArrayList<>();
    for (String id : new TreeSet<>(devices.keySet())) {
      state(id).ifPresent(out::add);
    }
    return out;
  }

  private DeviceState stateOf(Device d) {
    return new DeviceState(
        d.id,
        online(d, wallMillis.getAsLong()),
        d.connections,
        d.readings,
        d.firstSeen,
        d.lastSeen,
        List.copyOf(d.bindings));
  }

  private static boolean online(Device d, long now) {
    return d.connections > 0
        || (d.lastConnectionless != Long.MIN_VALUE
            && now - d.lastConnectionless < PRESENCE_WINDOW_MILLIS);
  }
}
