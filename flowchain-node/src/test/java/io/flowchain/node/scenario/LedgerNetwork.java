package io.flowchain.node.scenario;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.dht.Peer;
import io.flowchain.dht.message.ChordMessage;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeConfig;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The network that {@link LedgerScenarios} run on: the simulator now, real sockets later. A machine
 * is named by its index. On a simulator, waiting advances virtual time; on a real network it waits
 * (bounded) on the wall clock.
 */
public interface LedgerNetwork extends AutoCloseable {
  /** The network every node of this run belongs to. */
  NetworkParams params();

  /** Adds a machine (not started) whose node uses {@code config}; returns its index. */
  int add(NodeConfig config);

  /** Starts machine {@code i}: a new ring if {@code via} is negative, else joining through via. */
  void start(int i, int via);

  /** The node of machine {@code i} (started). */
  FlowchainNode node(int i);

  Peer peer(int i);

  /** Crashes machine {@code i}: no notice, nothing of it runs or answers any more. */
  void kill(int i);

  /** Machine {@code i} leaves gracefully ({@link FlowchainNode#close()}). */
  void leave(int i);

  /** Indices of the machines started and neither killed nor gone. */
  List<Integer> members();

  /** Waits up to {@code maxMillis} for {@code future}; its value, or an AssertionError. */
  <T> T await(CompletableFuture<T> future, long maxMillis);

  /** Waits up to {@code millis} for {@code condition}; whether it held. */
  boolean await(long millis, BooleanSupplier condition);

  /** Lets {@code millis} pass. */
  void pass(long millis);

  /** Runs {@code task} on node {@code i}'s thread and returns its result. */
  <T> T onNode(int i, Supplier<T> task);

  /**
   * Delivers {@code message} to machine {@code i} from a peer that is not a ring member (on a
   * transport that authenticates its peers: one that passed the membership handshake, so that the
   * message reaches the node's data path).
   */
  void sendRaw(int i, ChordMessage message);

  /** The peer that {@link #sendRaw} sends as. */
  Peer outsider();

  @Override
  default void close() {}
}
