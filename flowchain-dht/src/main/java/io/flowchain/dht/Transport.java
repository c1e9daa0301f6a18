package io.flowchain.dht;

import io.flowchain.dht.message.ChordMessage;

/**
 * The network as a Chord node sees it: send a message to a peer, and a callback for the messages
 * that arrive. Implemented by the simulator's in-memory network and by the socket bindings.
 *
 * <p><b>Delivery:</b> best effort. A message may be lost, delayed or reordered; nothing is reported
 * back to the sender (the node relies on its own timeouts). Messages to an unknown or unreachable
 * address are dropped.
 *
 * <p><b>Threading:</b> {@link #send} never blocks and may be called from the node's thread only.
 * The receiver is called for one message at a time, on the same thread that runs the node's {@link
 * io.flowchain.core.port.Scheduler} tasks (a socket binding hands each incoming message to that
 * scheduler), so the node itself needs no locking.
 */
public interface Transport {
  /** This node as the other members reach it. */
  Peer localPeer();

  /** Queues {@code message} for {@code to} and returns at once. */
  void send(Peer to, ChordMessage message);

  /** Sets the callback for incoming messages, replacing any earlier one. */
  void setReceiver(Receiver receiver);

  /** Takes the messages that arrive for this node. */
  @FunctionalInterface
  interface Receiver {
    /** {@code message} arrived from {@code from}. */
    void receive(Peer from, ChordMessage message);
  }
}
