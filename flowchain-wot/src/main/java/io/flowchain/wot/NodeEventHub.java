package io.flowchain.wot;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's events ({@code blockMined}, {@code recordRecorded}, {@code recordVerified}) as JSON
 * text, fanned out to every subscriber of every binding (SSE, WebSocket, CoAP observe). Subscribes
 * to the node once; at most {@code maxSubscribers} subscribers in all. Thread-safe; sinks must not
 * block.
 */
public final class NodeEventHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeEventHub.class);

  /** The node's events, as named in its Thing Description. */
  public static final List<String> EVENTS =
      List.of("blockMined", "recordRecorded", "recordVerified");

  private final Map<String, List<Consumer<String>>> sinks =
      Map.of(
          "blockMined", new CopyOnWriteArrayList<>(),
          "recordRecorded", new CopyOnWriteArrayList<>(),
          "recordVerified", new CopyOnWriteArrayList<>());
  private final int maxSubscribers;
  private final AutoCloseable subscription;

  public NodeEventHub(ThingNode node, int maxSubscribers) {
    this.maxSubscribers = maxSubscribers;
    this.subscription =
        node.subscribe(
            new ThingEvents() {
              @Override
              public void blockMined(BlockHeader header) {
                publish("blockMined", () -> WotJson.block(header, null).toString());
              }

              @Override
              public void recordRecorded(Record record) {
                publish("recordRecorded", () -> WotJson.record(record).toString());
              }

              @Override
              public void recordVerified(ApprovalReceipt receipt) {
                publish("recordVerified", () -> WotJson.verified(receipt).toString());
              }
            });
  }

  /** Sends every {@code event} to {@code sink} from now on: 404 for an unknown event. */
  public synchronized AutoCloseable subscribe(String event, Consumer<String> sink) {
    List<Consumer<String>> list = sinks.get(event);
    if (list == null) {
      throw Problem.notFound("no event " + event);
    }
    int total = sinks.values().stream().mapToInt(List::size).sum();
    if (total >= maxSubscribers) {
      throw Problem.unavailable("this node has " + maxSubscribers + " event subscribers already");
    }
    list.add(sink);
    return () -> list.remove(sink);
  }

  private void publish(String event, java.util.function.Supplier<String> message) {
    List<Consumer<String>> list = sinks.get(event);
    if (list.isEmpty()) {
      return;
    }
    String m = message.get();
    for (Consumer<String> sink : list) {
      try {
        sink.accept(m);
      } catch (RuntimeException e) {
        LOG.debug("an event subscriber failed: {}", e.toString());
      }
    }
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.debug("unsubscribing from the node failed: {}", e.toString());
    }
  }
}
