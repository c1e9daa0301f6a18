package io.flowchain.dht.scenario;

import io.flowchain.core.types.RingId;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The network that {@link RingScenarios} run on: the simulator now, real sockets later. A member is
 * named by its index. Implementations run each call on the members' own threads as needed; {@link
 * #await} advances virtual time on a simulator and waits (bounded) on a real network.
 */
public interface RingNetwork extends AutoCloseable {
  /** Adds a machine (not started); returns its index. */
  int add();

  /** Starts machine {@code i} as the first member of a new ring. */
  void create(int i);

  /** Starts machine {@code i} and joins it through member {@code via}. */
  void join(int i, int via);

  /** Crashes member {@code i} without notice. */
  void kill(int i);

  /** Starts crashed machine {@code i} again with the same identity, joining through via. */
  void restart(int i, int via);

  /** Member {@code i} leaves gracefully. */
  void leave(int i);

  /** Stores {@code key} through member {@code i} (replicated store above the ring). */
  void put(int i, RingId key);

  /** Whether machine {@code i} holds a copy of {@code key}. */
  boolean holds(int i, RingId key);

  /** Looks {@code key} up from member {@code i}; empty if no answer within the lookup timeout. */
  Optional<LookupResult> lookup(int i, RingId key);

  /** The peer of machine {@code i}. */
  Peer peer(int i);

  /** The successor member {@code i} believes in. */
  Peer successorOf(int i);

  /** Indices of the machines that are up and members. */
  List<Integer> members();

  /** Waits up to {@code millis} (virtual or real) for {@code condition}; returns whether held. */
  boolean await(long millis, BooleanSupplier condition);

  /** Lets {@code millis} pass. */
  void pass(long millis);

  @Override
  default void close() {}
}
