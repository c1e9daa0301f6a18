package io.flowchain.node;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.port.Scheduler;
import io.flowchain.dht.Transport;

/**
 * Makes the transport a node talks through, once the node's keys and scheduler are known: a socket
 * transport proves the node's identity with its keys and hands every incoming message to the
 * scheduler's thread (see {@link Transport}). The transport's local peer must carry the node's id
 * (SHA-1 of its public key). If the transport is also {@link AutoCloseable}, the node closes it
 * when it closes.
 */
@FunctionalInterface
public interface TransportFactory {
  Transport create(NodeKeyPair keys, Scheduler scheduler);
}
