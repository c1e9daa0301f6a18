package io.flowchain.wot.coap;

import io.flowchain.wot.Affordances;
import io.flowchain.wot.NodeEventHub;
import io.flowchain.wot.Problem;
import io.flowchain.wot.WotConfig;
import io.flowchain.wot.broker.Broker;
import io.flowchain.wot.broker.RateLimits;
import io.flowchain.wot.broker.Readings;
import io.flowchain.wot.td.Endpoints;
import io.flowchain.wot.td.ThingDescriptions;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;

/**
 * The node's CoAP server (Californium, on its own UDP port): {@code /.well-known/wot}, the node's
 * properties, actions and observable events, device Thing Descriptions ({@code /things/{id}}) and
 * the broker ({@code /object/{id}/send|viewer|status}). See docs/wot.md.
 */
public final class CoapApi implements AutoCloseable {
  static {
    CoapConfig.register();
  }

  private final CoapServer server;
  private final CoapEndpoint endpoint;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();

  public CoapApi(
      WotConfig config,
      Broker broker,
      Affordances affordances,
      NodeEventHub events,
      Supplier<Endpoints> endpoints) {
    Configuration c = Configuration.createStandardWithoutFile();
    c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, config.maxBodyBytes());
    c.set(CoapConfig.MAX_MESSAGE_SIZE, 1024);
    c.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
    c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 2);
    server = new CoapServer(c);
    endpoint =
        new CoapEndpoint.Builder()
            .setConfiguration(c)
            .setInetSocketAddress(
                new InetSocketAddress(config.host(), Math.max(0, config.coapPort())))
            .setLoggingTag("wot-coap")
            .build();
    server.addEndpoint(endpoint);
    RateLimits limits =
        new RateLimits(config.requestsPerSecond(), config.burst(), System::nanoTime);

    Resource wellKnown = server.getRoot().getChild(".well-known");
    wellKnown.add(
        new JsonResource("wot", limits) {
          @Override
          public void handleGET(CoapExchange ex) {
            var devices = broker.devices().all().stream().map(d -> d.objectId()).toList();
            ex.respond(
                ResponseCode.CONTENT,
                ThingDescriptions.node(broker.node().info(), endpoints.get(), devices).toString(),
                MediaTypeRegistry.APPLICATION_TD_JSON);
          }
        });

    CoapResource properties = new CoapResource("properties");
    for (String name : Affordances.PROPERTIES) {
      properties.add(
          new JsonResource(name, limits) {
            @Override
            public void handleGET(CoapExchange ex) {
              ex.accept();
              respondLater(ex, ResponseCode.CONTENT, affordances.readProperty(name));
            }
          });
    }
    CoapResource actions = new CoapResource("actions");
    for (String name : Affordances.ACTIONS) {
      actions.add(
          new JsonResource(name, limits) {
            @Override
            public void handlePOST(CoapExchange ex) {
              requireJson(ex);
              byte[] body = ex.getRequestPayload();
              ex.accept();
              respondLater(
                  ex,
                  ResponseCode.CHANGED,
                  affordances.invoke(name, Readings.JSON, body, Broker.COAP));
            }
          });
    }
    CoapResource eventsRoot = new CoapResource("events");
    for (String name : NodeEventHub.EVENTS) {
      LatestValueResource r = new LatestValueResource(name, limits, () -> null);
      subscriptions.add(events.subscribe(name, r::publish));
      eventsRoot.add(r);
    }
    server.add(properties, actions, eventsRoot);
    server.add(new ThingsResource(broker, endpoints, limits));
    server.add(new ObjectsResource(broker, config, limits));
  }

  /** Binds the UDP port and starts serving. */
  public CoapApi start() {
    server.start();
    return this;
  }

  /** The UDP port it listens on (after {@link #start()}). */
  public int port() {
    return endpoint.getAddress().getPort();
  }

  @Override
  public void close() {
    for (AutoCloseable s : subscriptions) {
      try {
        s.close();
      } catch (Exception e) {
        // nothing more to stop
      }
    }
    server.destroy();
  }

  /** {@code /things/{id}}: device Thing Descriptions. */
  private static final class ThingsResource extends JsonResource {
    private final Broker broker;
    private final Supplier<Endpoints> endpoints;
    private final RateLimits limits;

    ThingsResource(Broker broker, Supplier<Endpoints> endpoints, RateLimits limits) {
      super("things", limits);
      this.broker = broker;
      this.endpoints = endpoints;
      this.limits = limits;
    }

    @Override
    public Resource getChild(String id) {
      return new JsonResource(id, limits) {
        @Override
        public void handleGET(CoapExchange ex) {
          Readings.objectId(id);
          if (broker.devices().state(id).isEmpty()) {
            throw Problem.notFound("no device " + id + " has connected to this node");
          }
          ex.respond(
              ResponseCode.CONTENT,
              ThingDescriptions.device(id, broker.node().info(), endpoints.get()).toString(),
              MediaTypeRegistry.APPLICATION_TD_JSON);
        }
      };
    }
  }

  /** {@code /object/{id}}: one {@link ObjectResource} per object, made on first use. */
  private static final class ObjectsResource extends JsonResource {
    private final Broker broker;
    private final WotConfig config;
    private final RateLimits limits;
    private final Map<String, ObjectResource> objects = new ConcurrentHashMap<>();

    ObjectsResource(Broker broker, WotConfig config, RateLimits limits) {
      super("object", limits);
      this.broker = broker;
      this.config = config;
      this.limits = limits;
    }

    @Override
    public Resource getChild(String id) {
      try {
        Readings.objectId(id);
      } catch (Problem p) {
        return refusal(id, p);
      }
      ObjectResource r = objects.get(id);
      if (r != null) {
        return r;
      }
      if (objects.size() >= config.maxDevices()) {
        return refusal(
            id,
            Problem.unavailable("this node serves at most " + config.maxDevices() + " objects"));
      }
      try {
        return objects.computeIfAbsent(
            id,
            k -> {
              ObjectResource o = new ObjectResource(k, broker, limits);
              o.setParent(this);
              return o;
            });
      } catch (Problem p) {
        return refusal(id, p);
      }
    }

    private JsonResource refusal(String id, Problem p) {
      return new JsonResource(id, limits) {
        @Override
        public Resource getChild(String name) {
          return this;
        }

        @Override
        public void handleRequest(org.eclipse.californium.core.network.Exchange exchange) {
          problem(new CoapExchange(exchange, this), p);
        }
      };
    }
  }
}
