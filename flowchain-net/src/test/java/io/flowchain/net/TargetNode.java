package io.flowchain.net;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.ChordListener;
import io.flowchain.dht.ChordNode;
import io.flowchain.dht.Peer;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A lone node on a real transport, alone in its ring: the target that the bad-input and DTLS tests
 * send to, and whose ring state they check.
 */
final class TargetNode<T extends AbstractTransport> implements AutoCloseable {
  final ExecutorScheduler scheduler = new ExecutorScheduler("target");
  final T transport;
  final ChordNode node;
  final Peer self;

  /** Starts the transport that {@code binding} makes on the node's scheduler, then the node. */
  TargetNode(Function<ExecutorScheduler, T> binding) throws Exception {
    transport = binding.apply(scheduler);
    transport.start();
    node =
        onNode(
            () -> {
              ChordNode n =
                  new ChordNode(
                      transport,
                      scheduler,
                      new SplittableRandom(1),
                      SocketRingNetwork.CHORD,
                      new ChordListener() {});
              n.create();
              return n;
            });
    self = transport.localPeer();
  }

  /** Runs {@code task} on the node's thread and returns its result. */
  <R> R onNode(Supplier<R> task) throws Exception {
    CompletableFuture<R> f = new CompletableFuture<>();
    scheduler.schedule(0, () -> f.complete(task.get()));
    return f.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    transport.close();
    scheduler.close();
  }
}
