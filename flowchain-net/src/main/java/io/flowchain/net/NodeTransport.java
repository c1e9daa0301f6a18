package io.flowchain.net;

import io.flowchain.dht.Transport;

/** A {@link Transport} with a life cycle: what a node starts, and closes when it stops. */
public interface NodeTransport extends Transport, AutoCloseable {
  /** Binds the listening sockets. Idempotent; fails if already closed. */
  void start() throws Exception;

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  void close();

  /** Whether nothing waits in the transport: no queued outgoing message, no pending incoming. */
  boolean idle();
}
