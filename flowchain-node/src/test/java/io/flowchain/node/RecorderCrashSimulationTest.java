package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.types.Bytes;
import io.flowchain.core.types.Difficulty;
import io.flowchain.core.types.Hash;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.KeyRange;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.FailureReason;
import io.flowchain.node.message.Receipt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A recorder killed in the window of a SIGKILL: its record is durable, but neither its receipt nor
 * its copies have left it. The submitter tries again, the key's new owner records the submission,
 * and the killed node comes back on its store. On the simulator, so the crash falls exactly there.
 */
class RecorderCrashSimulationTest {
  private final SimulatedLedgerNetwork net = new SimulatedLedgerNetwork(20_240_611);
  private final AtomicReference<Key> killWhenRecorded = new AtomicReference<>();
  private final AtomicReference<Key> isolateWhenRecorded = new AtomicReference<>();
  private int isolatedWith = -1;

  @AfterEach
  void close() {
    net.close();
  }

  private FlowchainNode.Builder builder(int machine) {
    return FlowchainNode.builder()
        .difficulty(() -> Difficulty.EASIEST)
        .onMessage(
            r -> {
              if (r.dataKey().equals(killWhenRecorded.get())) {
                killWhenRecorded.set(null);
                net.kill(machine); // durable, but nothing of what follows leaves the node
              }
              if (r.dataKey().equals(isolateWhenRecorded.get())) {
                isolateWhenRecorded.set(null);
                net.isolate(machine, isolatedWith); // what follows reaches that machine only
              }
            });
  }

  private List<Integer> ringOf(int size) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(net.add(NodeConfig.defaults()));
    }
    net.start(ids.get(0), -1, builder(ids.get(0)));
    net.await(net.node(ids.get(0)).started(), 30_000);
    for (int i = 1; i < size; i++) {
      net.start(ids.get(i), ids.get(0), builder(ids.get(i)));
      net.pass(300);
    }
    assertThat(net.await(90_000, () -> net.members().size() == size && ringIsCorrect())).isTrue();
    return ids;
  }

  private List<Integer> sortedMembers() {
    List<Integer> members = new ArrayList<>(net.members());
    members.sort(Comparator.comparing(i -> net.peer(i).id()));
    return members;
  }

  private boolean ringIsCorrect() {
    List<Integer> members = sortedMembers();
    for (int k = 0; k < members.size(); k++) {
      Peer next = net.peer(members.get((k + 1) % members.size()));
      if (!net.node(members.get(k)).chord().successor().equals(next)) {
        return false;
      }
    }
    return true;
  }

  /** A submission whose data key machine {@code owner} owns in the ring as it is. */
  private Submission ownedBy(int owner, SplittableRandom random) {
    List<Integer> ring = sortedMembers();
    int at = ring.indexOf(owner);
    KeyRange range =
        new KeyRange(
            net.peer(ring.get((at + ring.size() - 1) % ring.size())).id(), net.peer(owner).id());
    Submission s;
    int n = 0;
    do {
      s =
          Submission.of(
              "crash-1",
              "text/plain",
              Bytes.utf8("reading " + n++),
              SimulatedLedgerNetwork.EPOCH + net.now(),
              random);
    } while (!range.contains(s.dataKey()));
    return s;
  }

  @Test
  void aReadingRecordedAgainAfterItsRecorderCrashedIsReadBackAsAcknowledged() {
    List<Integer> ids = ringOf(5);
    int client = ids.get(0);
    int victim = ids.get(2);
    Submission s = ownedBy(victim, new SplittableRandom(5));
    killWhenRecorded.set(s.dataKey());
    CompletableFuture<Receipt> submitted = net.node(client).submit(s);
    Receipt receipt = net.await(submitted, 60_000);
    assertThat(killWhenRecorded.get()).as("the victim recorded the reading and died").isNull();
    assertThat(receipt.recorder())
        .as("recorded again by the key's new owner")
        .isNotEqualTo(net.peer(victim).id());

    net.restart(victim, client, builder(victim));
    assertThat(net.await(60_000, () -> net.members().contains(victim) && ringIsCorrect())).isTrue();
    net.pass(10_000);
    // the restarted node holds its own recording of the submission, never acknowledged
    Record first = net.node(victim).ledger().store().recordByKey(s.dataKey()).orElseThrow();
    assertThat(first.txId()).isNotEqualTo(receipt.txId());

    for (int i : net.members()) {
      Optional<Record> byKey = net.await(net.node(i).get(s.dataKey()), 60_000);
      assertThat(byKey).as("by data key from machine %d", i).isPresent();
      assertThat(byKey.get().txId()).as("by data key from machine %d", i).isEqualTo(receipt.txId());
      Optional<Record> byTxId = net.await(net.node(i).get(receipt.txId()), 60_000);
      assertThat(byTxId).as("by txID from machine %d", i).isPresent();
    }
  }

  @Test
  void aReadByKeyThatAReplicaLeavesUnansweredFailsInsteadOfSayingNotFound() {
    ringOf(5);
    List<Integer> ring = sortedMembers();
    int owner = ring.get(2);
    int replica = ring.get(3); // the owner's successor, which it names when it holds no copy
    int client = ring.get(0);
    Submission never = ownedBy(owner, new SplittableRandom(7));
    net.kill(replica); // the ring has not noticed yet: the owner still names it

    assertThat(timeoutOf(net.node(client).get(never.dataKey()))).contains("replicas");

    // once every replica it names answers, a key nobody recorded is "not found"
    assertThat(net.await(60_000, () -> !net.members().contains(replica) && ringIsCorrect()))
        .isTrue();
    assertThat(net.await(net.node(client).get(never.dataKey()), 60_000)).isEmpty();
  }

  @Test
  void aReadByTxIdThatAMemberLeavesUnansweredFailsInsteadOfSayingNotFound() {
    ringOf(5);
    List<Integer> ring = sortedMembers();
    int client = ring.get(0);
    int silent = ring.get(3);
    TxId never = new TxId(Hash.ZERO);
    net.kill(silent); // the ring has not noticed yet: the walk still asks it

    assertThat(timeoutOf(net.node(client).get(never))).contains("1 did not answer in time");

    // once every member the walk reaches answers, a txID nobody holds is "not found"
    assertThat(net.await(60_000, () -> !net.members().contains(silent) && ringIsCorrect()))
        .isTrue();
    assertThat(net.await(net.node(client).get(never), 60_000)).isEmpty();
  }

  @Test
  void aRecordWhoseCopiesNeverLeftReachesItsKeysNewOwnerAndReplicasAfterTheRecorderRestarts() {
    ringOf(5);
    List<Integer> ring = sortedMembers();
    int client = ring.get(0);
    int before = ring.get(1);
    int victim = ring.get(2);
    Submission s = ownedBy(victim, new SplittableRandom(11));
    // the receipt reaches the client; the REPLICATE batches reach nobody
    isolatedWith = client;
    isolateWhenRecorded.set(s.dataKey());
    Receipt receipt = net.await(net.node(client).submit(s), 60_000);
    assertThat(receipt.recorder()).isEqualTo(net.peer(victim).id());
    net.kill(victim);
    net.heal();
    assertThat(net.await(60_000, () -> !net.members().contains(victim) && ringIsCorrect()))
        .isTrue();

    // while it is down, a node joins that takes over the reading's key
    KeyRange victimsRange = new KeyRange(net.peer(before).id(), net.peer(victim).id());
    int joiner;
    do {
      joiner = net.add(NodeConfig.defaults());
    } while (!victimsRange.contains(net.peer(joiner).id())
        || !new KeyRange(net.peer(before).id(), net.peer(joiner).id()).contains(s.dataKey()));
    net.start(joiner, client, builder(joiner));
    assertThat(net.await(60_000, () -> net.members().size() == 5 && ringIsCorrect())).isTrue();
    assertThat(holders(receipt)).as("only the crashed recorder holds the reading").isEmpty();

    net.restart(victim, client, builder(victim));
    assertThat(net.await(60_000, () -> net.members().size() == 6 && ringIsCorrect())).isTrue();
    List<Integer> now = sortedMembers();
    int owner = now.indexOf(joiner);
    List<Integer> replicaSet =
        List.of(
            joiner,
            now.get((owner + 1) % now.size()),
            now.get((owner + 2) % now.size())); // the victim, then the node that covered for it
    assertThat(net.await(60_000, () -> holders(receipt).containsAll(replicaSet)))
        .as("held by the key's owner and its next two successors: %s", holders(receipt))
        .isTrue();
    assertThat(net.node(victim).stats().recoveryCopiesSent()).isEqualTo(1);
  }

  /** The message of the TIMEOUT that {@code read} fails with. */
  private String timeoutOf(CompletableFuture<Optional<Record>> read) {
    net.await(60_000, read::isDone);
    FlowchainException e =
        (FlowchainException)
            assertThat(read)
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .actual()
                .getCause();
    assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT);
    return e.getMessage();
  }

  /** The members that hold the receipt's record, in their branch or as a copy. */
  private List<Integer> holders(Receipt receipt) {
    List<Integer> out = new ArrayList<>();
    for (int i : net.members()) {
      FlowchainNode n = net.node(i);
      if (n.ledger().store().record(receipt.txId()).isPresent()
          || n.replicaStore().contains(receipt.txId())) {
        out.add(i);
      }
    }
    return out;
  }
}
