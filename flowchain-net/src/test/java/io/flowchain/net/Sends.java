package io.flowchain.net;

import io.flowchain.core.port.ExecutorScheduler;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.CheckTtl;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/** Keeps a transport sending while a test waits for the effect. */
final class Sends {
  private Sends() {}

  /**
   * Sends a {@code CheckTtl} from {@code from} to {@code to}, on the sender's node thread {@code
   * s}, every 50 ms until {@code done} holds; fails if it does not within {@code atMost}.
   */
  static void until(
      ExecutorScheduler s,
      AbstractTransport from,
      Peer to,
      Duration atMost,
      Callable<Boolean> done) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              s.schedule(0, () -> from.send(to, new CheckTtl(1)));
              return done.call();
            });
  }
}
