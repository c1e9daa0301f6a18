package io.flowchain.dht.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import io.flowchain.dht.LookupResult;
import io.flowchain.dht.Peer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ring scenarios written once and run on every network: subclasses provide the {@link RingNetwork}
 * ({@code RingScenariosWithSimulatedNetwork} in flowchain-sim; socket bindings later).
 */
public abstract class RingScenarios {
  protected RingNetwork net;

  /** A fresh network for one scenario. */
  protected abstract RingNetwork newNetwork();

  @BeforeEach
  void open() {
    net = newNetwork();
  }

  @AfterEach
  void close() {
    net.close();
  }

  private List<Integer> ringOf(int size) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(net.add());
    }
    net.create(ids.get(0));
    for (int i = 1; i < size; i++) {
      net.join(ids.get(i), ids.get(i - 1));
      net.pass(200);
    }
    assertThat(net.await(60_000, () -> net.members().size() == size && ringIsCorrect()))
        .as("ring of %d converges", size)
        .isTrue();
    return ids;
  }

  /** Every member's successor is the next member in id order. */
  protected boolean ringIsCorrect() {
    List<Integer> members = new ArrayList<>(net.members());
    members.sort(Comparator.comparing(i -> net.peer(i).id()));
    for (int k = 0; k < members.size(); k++) {
      Peer next = net.peer(members.get((k + 1) % members.size()));
      if (!net.successorOf(members.get(k)).equals(next)) {
        return false;
      }
    }
    return true;
  }

  /** The member that owns {@code key}, by brute force. */
  protected Peer owner(RingId key) {
    List<Integer> members = new ArrayList<>(net.members());
    members.sort(Comparator.comparing(i -> net.peer(i).id()));
    for (int i : members) {
      if (net.peer(i).id().compareTo(key) >= 0) {
        return net.peer(i);
      }
    }
    return net.peer(members.get(0));
  }

  private static Key randomKey(SplittableRandom random) {
    return Key.of(new BigInteger(160, new java.util.Random(random.nextLong())));
  }

  @Test
  void threeNodesFormARing() {
    ringOf(3);
  }

  @Test
  void everyMemberFindsTheSameOwnerForEveryKey() {
    List<Integer> ids = ringOf(12);
    net.pass(30_000); // fingers
    SplittableRandom random = new SplittableRandom(7);
    for (int k = 0; k < 20; k++) {
      Key key = randomKey(random);
      for (int i : ids) {
        Optional<LookupResult> r = net.lookup(i, key);
        assertThat(r).as("lookup of %s from %d", key, i).isPresent();
        assertThat(r.get().successor()).isEqualTo(owner(key));
      }
    }
  }

  @Test
  void theRingRepairsItselfAfterACrash() {
    List<Integer> ids = ringOf(10);
    net.kill(ids.get(4));
    assertThat(net.await(10_000, this::ringIsCorrect)).isTrue();
    Key key = Key.of(net.peer(ids.get(4)).id().toBytes());
    assertThat(net.lookup(ids.get(0), key))
        .get()
        .extracting(LookupResult::successor)
        .isEqualTo(owner(key));
  }

  @Test
  void aCrashedNodeRestartsAndRejoins() {
    List<Integer> ids = ringOf(8);
    net.kill(ids.get(3));
    assertThat(net.await(10_000, this::ringIsCorrect)).isTrue();
    net.restart(ids.get(3), ids.get(0));
    assertThat(net.await(30_000, () -> net.members().contains(ids.get(3)) && ringIsCorrect()))
        .isTrue();
  }

  /**
   * A node that crashes and comes back at once, with the same id and address, before the others
   * noticed: a lookup of its own id answers with its earlier self, whose neighbours still list it.
   */
  @Test
  void aCrashedNodeThatRestartsAtOnceRejoins() {
    List<Integer> ids = ringOf(6);
    List<Integer> ring = new ArrayList<>(ids);
    ring.sort(java.util.Comparator.comparing(i -> net.peer(i).id()));
    int victim = ring.get(2);
    int predecessor = ring.get(1);
    net.kill(victim);
    // through its predecessor, which hears from it again at once and so never declares it dead
    net.restart(victim, predecessor);
    assertThat(net.await(30_000, () -> net.members().contains(victim) && ringIsCorrect())).isTrue();
  }

  @Test
  void aGracefulLeaveHandsItsKeysToTheSuccessor() {
    List<Integer> ids = ringOf(6);
    SplittableRandom random = new SplittableRandom(11);
    List<Key> keys = new ArrayList<>();
    for (int k = 0; k < 60; k++) {
      Key key = randomKey(random);
      keys.add(key);
      net.put(ids.get(k % ids.size()), key);
    }
    net.pass(3_000);
    int leaving = ids.get(2);
    List<Key> itsKeys = new ArrayList<>();
    for (Key key : keys) {
      if (owner(key).equals(net.peer(leaving))) {
        itsKeys.add(key);
      }
    }
    net.leave(leaving);
    assertThat(net.await(10_000, this::ringIsCorrect)).isTrue();
    net.pass(2_000);
    for (Key key : keys) {
      Peer owner = owner(key);
      int ownerIndex =
          ids.stream().filter(i -> net.peer(i).equals(owner)).findFirst().orElseThrow();
      assertThat(net.holds(ownerIndex, key)).as("owner of %s holds it", key).isTrue();
    }
    assertThat(itsKeys).as("the leaving node owned some keys").isNotEmpty();
  }

  @Test
  void keysMoveToAJoiningNode() {
    List<Integer> ids = ringOf(4);
    int newcomer = net.add();
    SplittableRandom random = new SplittableRandom(5);
    List<Key> keys = new ArrayList<>();
    BigInteger at = net.peer(newcomer).id().toBigInteger();
    for (int k = 0; k < 10; k++) {
      // keys just at and below the newcomer's id: it will own them
      keys.add(Key.of(at.subtract(BigInteger.valueOf(k))));
    }
    for (int k = 0; k < 30; k++) {
      keys.add(randomKey(random));
    }
    for (Key key : keys) {
      net.put(ids.get(0), key);
    }
    net.pass(3_000);
    assertThat(net.holds(newcomer, keys.get(0))).isFalse();
    net.join(newcomer, ids.get(1));
    assertThat(net.await(20_000, () -> net.members().contains(newcomer) && ringIsCorrect()))
        .isTrue();
    net.pass(3_000);
    int owned = 0;
    for (Key key : keys) {
      if (owner(key).equals(net.peer(newcomer))) {
        owned++;
        assertThat(net.holds(newcomer, key)).as("newcomer holds %s", key).isTrue();
      }
    }
    assertThat(owned).as("the newcomer owns some of the keys").isGreaterThanOrEqualTo(10);
  }
}
