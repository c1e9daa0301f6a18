package io.flowchain.node.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.TxHashes;
import io.flowchain.core.store.LedgerStore.Cursor;
import io.flowchain.core.types.Key;
import io.flowchain.core.types.RingId;
import io.flowchain.core.types.TxId;
import io.flowchain.dht.Peer;
import io.flowchain.node.AckPolicy;
import io.flowchain.node.FlowchainNode;
import io.flowchain.node.NodeConfig;
import io.flowchain.node.QueryResult;
import io.flowchain.node.message.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data path's scenarios, written once and run on every network: subclasses provide the {@link
 * LedgerNetwork} ({@code LedgerScenariosWithSimulatedNetwork} here; socket transports later).
 */
public abstract class LedgerScenarios {
  protected LedgerNetwork net;

  /**
   * A fresh network for one scenario; {@code seed} (from the scenario's name) makes a simulated run
   * reproducible.
   */
  protected abstract LedgerNetwork newNetwork(long seed);

  @BeforeEach
  void open(org.junit.jupiter.api.TestInfo info) {
    net = newNetwork(info.getTestMethod().orElseThrow().getName().hashCode());
  }

  @AfterEach
  void close() {
    net.close();
  }

  // ---- helpers

  /** A record acknowledged to the node that submitted it. */
  protected record Acked(int from, String objectId, byte[] data, Receipt receipt) {
    Key key() {
      return receipt.dataKey();
    }

    TxId txId() {
      return receipt.txId();
    }
  }

  protected List<Integer> ringOf(int size, NodeConfig config) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(net.add(config));
    }
    net.start(ids.get(0), -1);
    net.await(net.node(ids.get(0)).started(), 30_000);
    for (int i = 1; i < size; i++) {
      net.start(ids.get(i), ids.get(0));
      net.pass(300);
    }
    assertThat(net.await(90_000, () -> net.members().size() == size && ringIsCorrect()))
        .as("ring of %d converges", size)
        .isTrue();
    return ids;
  }

  protected List<Integer> ringOf(int size) {
    return ringOf(size, NodeConfig.defaults());
  }

  /** Every member's successor is the next member in id order. */
  protected boolean ringIsCorrect() {
    List<Integer> members = sortedMembers();
    for (int k = 0; k < members.size(); k++) {
      int i = members.get(k);
      Peer next = net.peer(members.get((k + 1) % members.size()));
      Peer successor = net.onNode(i, () -> net.node(i).chord().successor());
      if (!successor.equals(next)) {
        return false;
      }
    }
    return true;
  }

  /** Every member's first {@code n} successors are the next {@code n} members in id order. */
  protected boolean successorListsAreCorrect(int n) {
    List<Integer> members = sortedMembers();
    for (int k = 0; k < members.size(); k++) {
      int i = members.get(k);
      List<Peer> list = net.onNode(i, () -> net.node(i).chord().successorList());
      for (int j = 1; j <= Math.min(n, members.size() - 1); j++) {
        Peer expected = net.peer(members.get((k + j) % members.size()));
        if (list.size() < j || !list.get(j - 1).equals(expected)) {
          return false;
        }
      }
    }
    return true;
  }

  protected List<Integer> sortedMembers() {
    List<Integer> members = new ArrayList<>(net.members());
    members.sort(Comparator.comparing(i -> net.peer(i).id()));
    return members;
  }

  /** The member that owns {@code key}, by brute force over the members. */
  protected int owner(RingId key) {
    List<Integer> members = sortedMembers();
    for (int i : members) {
      if (net.peer(i).id().compareTo(key) >= 0) {
        return i;
      }
    }
    return members.get(0);
  }

  /** Whether machine {@code candidate}, once a member, would own {@code key}. */
  protected boolean wouldOwn(int candidate, RingId key) {
    io.flowchain.core.types.NodeId c = net.peer(candidate).id();
    io.flowchain.core.types.NodeId pred = null;
    for (int i : net.members()) {
      io.flowchain.core.types.NodeId id = net.peer(i).id();
      if (id.compareTo(c) < 0 && (pred == null || id.compareTo(pred) > 0)) {
        pred = id;
      }
    }
    if (pred == null) { // c would be the smallest id: its predecessor is the largest
      for (int i : net.members()) {
        io.flowchain.core.types.NodeId id = net.peer(i).id();
        if (pred == null || id.compareTo(pred) > 0) {
          pred = id;
        }
      }
    }
    return new io.flowchain.dht.KeyRange(pred, c).contains(key);
  }

  /** The member with node id {@code id}. */
  protected int machineOf(io.flowchain.core.types.NodeId id) {
    for (int i = 0; i < 64; i++) {
      try {
        if (net.peer(i).id().equals(id)) {
          return i;
        }
      } catch (IndexOutOfBoundsException e) {
        break;
      }
    }
    throw new AssertionError("no machine with id " + id);
  }

  /** Submits {@code count} readings, from the members in turn, spaced by {@code gapMillis}. */
  protected List<Acked> submit(int count, List<String> objects, long gapMillis) {
    List<Integer> from = net.members();
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    List<Acked> pending = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      int i = from.get(k % from.size());
      String object = objects.get(k % objects.size());
      byte[] data =
          ("{\"n\":" + k + ",\"object\":\"" + object + "\"}").getBytes(StandardCharsets.UTF_8);
      futures.add(net.node(i).submit(data, object, "application/json"));
      pending.add(new Acked(i, object, data, null));
      if (gapMillis > 0) {
        net.pass(gapMillis);
      }
    }
    net.await(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)), 120_000);
    List<Acked> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      Acked p = pending.get(k);
      out.add(new Acked(p.from, p.objectId, p.data, futures.get(k).join()));
    }
    return out;
  }

  protected Optional<Record> getByKey(int from, Key key) {
    return net.await(net.node(from).get(key), 60_000);
  }

  protected Optional<Record> getByTxId(int from, TxId txId) {
    return net.await(net.node(from).get(txId), 60_000);
  }

  /** Checks that {@code r} is the record {@code a} acknowledged. */
  protected static void sameRecord(Optional<Record> r, Acked a) {
    assertThat(r).as("record %s", a.txId()).isPresent();
    assertThat(r.get().txId()).isEqualTo(a.txId());
    assertThat(r.get().submission().payload().toByteArray()).isEqualTo(a.data);
    assertThat(a.receipt.verify(r.get().submission())).isTrue();
  }

  // ---- scenarios

  @Test
  void receiptsProveWhereAndByWhomEachRecordWasRecorded() {
    ringOf(5);
    List<Acked> acked = submit(40, List.of("sensor-a", "sensor-b", "sensor-c"), 0);
    Set<Integer> recorders = new HashSet<>();
    for (Acked a : acked) {
      Receipt r = a.receipt;
      int recorder = machineOf(r.recorder());
      recorders.add(recorder);
      assertThat(recorder).as("recorded by the key's successor").isEqualTo(owner(r.dataKey()));
      assertThat(r.recorderKey()).isEqualTo(net.node(recorder).publicKey());
      assertThat(r.txId()).isEqualTo(TxHashes.txId(r.block().hBlock(), r.dataKey()));
      assertThat(r.block().hash()).isEqualTo(r.blockHash());
      assertThat(r.block().signatureValid()).isTrue();
      Record stored = net.node(recorder).ledger().store().record(r.txId()).orElseThrow();
      assertThat(stored.signatureValidFor(net.node(recorder).publicKey())).isTrue();
      assertThat(r.verify(stored.submission())).isTrue();
      assertThat(stored.submission().payload().toByteArray()).isEqualTo(a.data);
      assertThat(stored.objectId()).isEqualTo(a.objectId);
      assertThat(r.copies()).isGreaterThanOrEqualTo(1);
    }
    assertThat(recorders).as("records spread over several recorders").hasSizeGreaterThan(2);
  }

  @Test
  void everyAcknowledgedRecordIsReadableByKeyAndByTxIdFromAnyNode() {
    List<Integer> ids = ringOf(6);
    List<Acked> acked = submit(60, List.of("meter-1", "meter-2"), 0);
    net.pass(2_000);
    for (int k = 0; k < acked.size(); k++) {
      Acked a = acked.get(k);
      for (int i : ids) {
        sameRecord(getByKey(i, a.key()), a);
      }
      sameRecord(getByTxId(ids.get(k % ids.size()), a.txId()), a);
    }
    byte[] unknown = new byte[20];
    unknown[0] = 7;
    assertThat(getByKey(ids.get(1), Key.of(unknown))).isEmpty();
    assertThat(getByTxId(ids.get(2), TxId.parse("00".repeat(31) + "01"))).isEmpty();
  }

  @Test
  void aQueryGathersAnObjectsRecordsFromEveryNodeInTimeOrder() {
    List<Integer> ids = ringOf(5);
    List<Acked> acked = submit(60, List.of("dev-1", "dev-1", "dev-1", "dev-2"), 10);
    net.pass(2_000);
    List<Acked> dev1 = acked.stream().filter(a -> a.objectId.equals("dev-1")).toList();
    Set<Integer> recorders = new HashSet<>();
    dev1.forEach(a -> recorders.add(machineOf(a.receipt.recorder())));
    assertThat(recorders).as("dev-1 is spread over the ring").hasSizeGreaterThan(2);

    List<Record> seen = new ArrayList<>();
    Cursor cursor = null;
    int pages = 0;
    do {
      QueryResult page =
          net.await(net.node(ids.get(3)).query("dev-1", 0, Long.MAX_VALUE, 7, cursor), 60_000);
      assertThat(page.records()).hasSizeLessThanOrEqualTo(7);
      assertThat(page.nodesUnreachable()).isZero();
      seen.addAll(page.records());
      cursor = page.next();
      pages++;
    } while (cursor != null && pages < 50);
    assertThat(seen).hasSize(dev1.size()).doesNotHaveDuplicates();
    assertThat(seen)
        .isSortedAccordingTo(
            Comparator.comparingLong(Record::timestamp).thenComparing(Record::txId));
    assertThat(seen.stream().map(Record::txId).toList())
        .containsExactlyInAnyOrderElementsOf(dev1.stream().map(Acked::txId).toList());

    // a time range: exactly the records whose timestamps fall in it
    List<Long> times = seen.stream().map(Record::timestamp).toList();
    long from = times.get(10);
    long to = times.get(30);
    QueryResult range = net.await(net.node(ids.get(0)).query("dev-1", from, to), 60_000);
    assertThat(range.records())
        .containsExactlyElementsOf(
            seen.stream().filter(r -> r.timestamp() >= from && r.timestamp() < to).toList());
    assertThat(range.next()).isNull();
    assertThat(net.await(net.node(ids.get(1)).query("nobody", 0, Long.MAX_VALUE), 60_000).records())
        .isEmpty();
  }

  @Test
  void aJoiningNodeReceivesCopiesOfTheRecordsItNowOwnsAndRecordsNewOnes() {
    List<Integer> ids = ringOf(4);
    List<Acked> before = submit(80, List.of("j-1", "j-2"), 0);
    // of a few candidate machines, the one that will own the most of these records
    int newcomer = -1;
    long best = -1;
    for (int c = 0; c < 4; c++) {
      int candidate = net.add(NodeConfig.defaults());
      long owned = before.stream().filter(a -> wouldOwn(candidate, a.key())).count();
      if (owned > best) {
        best = owned;
        newcomer = candidate;
      }
    }
    int joining = newcomer;
    net.start(newcomer, ids.get(1));
    assertThat(net.await(60_000, () -> net.members().contains(joining) && ringIsCorrect()))
        .isTrue();
    net.pass(5_000);
    FlowchainNode fresh = net.node(newcomer);
    int ownedBefore = 0;
    for (Acked a : before) {
      if (owner(a.key()) == newcomer) {
        ownedBefore++;
        assertThat(fresh.replicaStore().getByKey(a.key()))
            .as("the newcomer holds a copy of %s", a.key())
            .hasValueSatisfying(e -> assertThat(e.record().txId()).isEqualTo(a.txId()));
        // the record stays in its recorder's branch
        int recorder = machineOf(a.receipt.recorder());
        assertThat(net.node(recorder).ledger().store().record(a.txId())).isPresent();
      }
      sameRecord(getByKey(ids.get(0), a.key()), a);
    }
    assertThat(ownedBefore).as("the newcomer owns some of the records").isGreaterThan(0);

    List<Acked> after = submit(60, List.of("j-3"), 0);
    int recordedByNewcomer = 0;
    for (Acked a : after) {
      assertThat(machineOf(a.receipt.recorder())).isEqualTo(owner(a.key()));
      if (owner(a.key()) == newcomer) {
        recordedByNewcomer++;
      }
    }
    // random keys may all miss a small range (on a real network, where they differ from run to
    // run): readings whose keys the newcomer owns, drawn until they fall in its range, are
    // recorded by it
    List<Integer> ring = sortedMembers();
    int at = ring.indexOf(newcomer);
    io.flowchain.dht.KeyRange range =
        new io.flowchain.dht.KeyRange(
            net.peer(ring.get((at + ring.size() - 1) % ring.size())).id(), net.peer(newcomer).id());
    long now = after.get(after.size() - 1).receipt.recordedAt();
    java.util.SplittableRandom salts = new java.util.SplittableRandom(7);
    List<CompletableFuture<Receipt>> owned = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      io.flowchain.core.ledger.Submission s;
      do {
        s =
            io.flowchain.core.ledger.Submission.of(
                "j-4", "text/plain", io.flowchain.core.types.Bytes.utf8("n" + k), now + k, salts);
      } while (!range.contains(s.dataKey()));
      owned.add(net.node(ids.get(k % ids.size())).submit(s));
    }
    net.await(CompletableFuture.allOf(owned.toArray(CompletableFuture[]::new)), 60_000);
    for (CompletableFuture<Receipt> f : owned) {
      assertThat(machineOf(f.join().recorder())).isEqualTo(newcomer);
      recordedByNewcomer++;
    }
    assertThat(recordedByNewcomer).isGreaterThan(0);
  }

  @Test
  void noAcknowledgedRecordIsLostWhenTwoAdjacentNodesCrash() {
    ringOf(8);
    List<Acked> acked = submit(300, List.of("k-1", "k-2", "k-3"), 0);
    net.pass(3_000); // replication was sent with each receipt; let it arrive
    assertLostNothingAfterTwoAdjacentCrashes(acked);
  }

  @Test
  void withAllReplicasConfirmingTwoAdjacentCrashesRightAfterTheAcksLoseNothing() {
    ringOf(6, NodeConfig.defaults().withAckPolicy(AckPolicy.ALL));
    List<Acked> acked = submit(90, List.of("a-1"), 0);
    for (Acked a : acked) {
      assertThat(a.receipt.copies()).isEqualTo(3);
    }
    assertLostNothingAfterTwoAdjacentCrashes(acked); // no time to settle
  }

  private void assertLostNothingAfterTwoAdjacentCrashes(List<Acked> acked) {
    List<Integer> ring = sortedMembers();
    // the adjacent pair that recorded the most records
    Map<Integer, Integer> recordedBy = new HashMap<>();
    acked.forEach(a -> recordedBy.merge(machineOf(a.receipt.recorder()), 1, Integer::sum));
    int best = 0;
    for (int k = 1; k < ring.size(); k++) {
      if (recordedBy.getOrDefault(ring.get(k), 0) + recordedBy.getOrDefault(ring.get(k - 1), 0)
          > recordedBy.getOrDefault(ring.get(best), 0)
              + recordedBy.getOrDefault(ring.get((best + ring.size() - 1) % ring.size()), 0)) {
        best = k;
      }
    }
    int a = ring.get((best + ring.size() - 1) % ring.size());
    int b = ring.get(best);
    long lostRecorders =
        acked.stream()
            .filter(
                x -> machineOf(x.receipt.recorder()) == a || machineOf(x.receipt.recorder()) == b)
            .count();
    assertThat(lostRecorders).as("the crashed nodes had recorded records").isGreaterThan(0);
    net.kill(a);
    net.kill(b);
    assertThat(net.await(30_000, this::ringIsCorrect)).as("the ring repairs itself").isTrue();
    List<Integer> survivors = net.members();
    for (int k = 0; k < acked.size(); k++) {
      Acked x = acked.get(k);
      sameRecord(getByKey(survivors.get(k % survivors.size()), x.key()), x);
    }
  }

  @Test
  void inAStableRingEveryRecordIsHeldByExactlyRNodes() {
    List<Integer> ids = ringOf(7);
    // stable: not only the successors but the replica sets (the next r - 1 successors) are right
    assertThat(net.await(60_000, () -> successorListsAreCorrect(2))).isTrue();
    List<Acked> acked = submit(120, List.of("r-1"), 0);
    net.pass(3_000);
    for (Acked a : acked) {
      List<Integer> holders = new ArrayList<>();
      for (int i : ids) {
        if (net.node(i).ledger().store().record(a.txId()).isPresent()
            || net.node(i).replicaStore().contains(a.txId())) {
          holders.add(i);
        }
      }
      // the recorder (the key's successor) and its next r - 1 = 2 successors
      List<Integer> ring = sortedMembers();
      int at = ring.indexOf(owner(a.key()));
      List<Integer> expected =
          List.of(ring.get(at), ring.get((at + 1) % ring.size()), ring.get((at + 2) % ring.size()));
      assertThat(holders)
          .as("holders of %s", a.txId())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void afterACrashTheCopiesAreRestoredSoALaterDoubleCrashLosesNothing() {
    List<Integer> ids = ringOf(8);
    assertThat(net.await(60_000, () -> successorListsAreCorrect(2))).isTrue();
    List<Acked> acked = submit(150, List.of("h-1", "h-2"), 0);
    net.pass(3_000);
    net.kill(ids.get(2));
    assertThat(net.await(60_000, () -> ringIsCorrect() && successorListsAreCorrect(2))).isTrue();
    net.pass(5_000); // the new owners copy what they took over to their replica sets
    List<Integer> ring = sortedMembers();
    for (Acked a : acked) {
      int at = ring.indexOf(owner(a.key()));
      for (int j = 0; j < 3; j++) {
        int holder = ring.get((at + j) % ring.size());
        assertThat(
                net.node(holder).ledger().store().record(a.txId()).isPresent()
                    || net.node(holder).replicaStore().contains(a.txId()))
            .as("member %d of the replica set of %s holds it", j, a.txId())
            .isTrue();
      }
    }
    // the invariant is back: two more adjacent crashes lose nothing
    assertLostNothingAfterTwoAdjacentCrashes(acked);
  }

  @Test
  void malformedOrForgedPayloadsAreRefusedWithoutCrashOrStateChange() {
    List<Integer> ids = ringOf(3);
    List<Acked> acked = submit(10, List.of("g-1"), 0);
    net.pass(2_000);
    int target = ids.get(1);
    FlowchainNode n = net.node(target);
    long records = n.ledger().store().recordCount();
    long copies = n.replicaStore().size();
    long malformed = n.stats().malformedMessages();
    long refused = n.stats().copiesRefused();

    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    List<byte[]> garbage = new ArrayList<>();
    garbage.add(new byte[0]);
    garbage.add(new byte[] {1});
    for (int size : new int[] {2, 10, 100, 1000, 70_000}) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      garbage.add(b);
    }
    io.flowchain.core.ledger.Submission sub =
        io.flowchain.core.ledger.Submission.of(
            "g-2",
            "text/plain",
            io.flowchain.core.types.Bytes.utf8("hello"),
            1_735_689_600_000L,
            random);
    byte[] valid =
        io.flowchain.node.message.LedgerCodec.encode(
            new io.flowchain.node.message.Submit(1, net.outsider(), sub));
    garbage.add(java.util.Arrays.copyOf(valid, valid.length - 1)); // truncated
    garbage.add(java.util.Arrays.copyOf(valid, valid.length + 1)); // trailing byte
    byte[] version = valid.clone();
    version[0] = 2;
    garbage.add(version);
    byte[] kind = valid.clone();
    kind[1] = 99;
    garbage.add(kind);
    garbage.add(new byte[] {1, 4, 0, 0, 0, 0, 0, 0, 0, 9, (byte) 0xff, (byte) 0xff}); // huge count
    long id = 1;
    for (byte[] g : garbage) {
      net.sendRaw(
          target,
          new io.flowchain.dht.message.Message(id++, sub.dataKey(), g, net.outsider(), 1, true));
    }

    // well-formed but forged: copies whose records do not match their signatures or headers
    Acked a = acked.get(0);
    int recorder = machineOf(a.receipt.recorder());
    Record real = net.node(recorder).ledger().store().record(a.txId()).orElseThrow();
    Record tamperedPayload =
        new Record(
            real.txId(),
            real.dataKey(),
            new io.flowchain.core.ledger.Submission(
                real.objectId(),
                real.submission().contentType(),
                io.flowchain.core.types.Bytes.utf8("{\"n\":-1}"),
                real.timestamp(),
                real.submission().salt()),
            real.recordedAt(),
            real.blockNo(),
            real.blockHash(),
            real.recorder(),
            real.signature());
    Record tamperedTime =
        new Record(
            real.txId(),
            real.dataKey(),
            real.submission(),
            real.recordedAt() + 1,
            real.blockNo(),
            real.blockHash(),
            real.recorder(),
            real.signature());
    io.flowchain.core.ledger.BlockHeader header = a.receipt.block();
    net.sendRaw(
        target,
        new io.flowchain.dht.message.Message(
            id++,
            net.peer(target).id(),
            io.flowchain.node.message.LedgerCodec.encode(
                io.flowchain.node.message.Replicate.of(
                    77,
                    List.of(
                        new io.flowchain.node.message.RecordAndBlock(tamperedPayload, header),
                        new io.flowchain.node.message.RecordAndBlock(tamperedTime, header)))),
            net.outsider(),
            1,
            true));
    // a submission whose routing key is not its data key
    net.sendRaw(
        target,
        new io.flowchain.dht.message.Message(
            id++, net.peer(target).id(), valid, net.outsider(), 1, true));
    net.pass(3_000);

    assertThat(n.stats().malformedMessages()).isEqualTo(malformed + garbage.size());
    assertThat(n.stats().copiesRefused()).isEqualTo(refused + 2);
    assertThat(n.ledger().store().recordCount()).isEqualTo(records);
    assertThat(n.replicaStore().size()).isEqualTo(copies);
    n.replicaStore()
        .get(a.txId())
        .ifPresent(
            e ->
                assertThat(e.record().toBytes())
                    .as("no forged copy replaced the real one")
                    .isEqualTo(real.toBytes()));
    assertThat(n.stats().errors()).isZero();
    // and the node still works
    assertThat(net.members()).contains(target);
    Receipt r =
        net.await(n.submit("after".getBytes(StandardCharsets.UTF_8), "g-3", "text/plain"), 30_000);
    assertThat(getByKey(target, r.dataKey())).isPresent();
    sameRecord(getByKey(target, a.key()), a);
  }

  @Test
  void underLoadWithNodesJoiningCrashingAndLeavingNoAcknowledgedRecordIsLost() {
    List<Integer> ids = ringOf(7);
    int joinerA = net.add(NodeConfig.defaults());
    int joinerB = net.add(NodeConfig.defaults());
    List<CompletableFuture<Receipt>> futures = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    List<Integer> submitters = new ArrayList<>(List.of(ids.get(0), ids.get(1), ids.get(2)));
    for (int k = 0; k < 240; k++) {
      switch (k) {
        case 40 -> net.start(joinerA, ids.get(0));
        case 80 -> net.kill(ids.get(3));
        case 100 -> submitters.add(joinerA);
        case 120 -> net.start(joinerB, ids.get(1));
        case 160 -> net.leave(ids.get(5));
        case 200 -> net.kill(ids.get(6));
        default -> {}
      }
      // from nodes that stay up (a crashed node's own requests die with it)
      int from = submitters.get(k % submitters.size());
      byte[] d = ("churn-" + k).getBytes(StandardCharsets.UTF_8);
      data.add(d);
      futures.add(net.node(from).submit(d, "c-" + (k % 4), "application/octet-stream"));
      net.pass(50);
    }
    net.await(
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((v, e) -> v),
        120_000);
    List<Acked> acked = new ArrayList<>();
    for (int k = 0; k < futures.size(); k++) {
      CompletableFuture<Receipt> f = futures.get(k);
      if (!f.isCompletedExceptionally()) {
        acked.add(new Acked(-1, "c-" + (k % 4), data.get(k), f.join()));
      }
    }
    assertThat(acked).as("every submission is acknowledged in the end").hasSize(futures.size());
    assertThat(net.await(60_000, this::ringIsCorrect)).isTrue();
    net.pass(5_000);
    List<Integer> survivors = net.members();
    for (int k = 0; k < acked.size(); k++) {
      Acked a = acked.get(k);
      int at = survivors.get(k % survivors.size());
      sameSubmission(getByKey(at, a.key()), a);
      sameRecord(getByTxId(at, a.txId()), a);
    }
  }

  /**
   * Checks that {@code r} records the submission {@code a} acknowledged. Under churn a submission
   * may be recorded twice (a retry reached a new owner before the first recording's copy did): both
   * recordings are in the ledger, and a read by key returns one of them.
   */
  protected static void sameSubmission(Optional<Record> r, Acked a) {
    assertThat(r).as("record of key %s", a.key()).isPresent();
    assertThat(r.get().dataKey()).isEqualTo(a.key());
    assertThat(r.get().submission().payload().toByteArray()).isEqualTo(a.data);
    assertThat(a.receipt.verify(r.get().submission())).isTrue();
  }

  @Test
  void aGracefulLeaveLosesNothing() {
    List<Integer> ids = ringOf(5);
    List<Acked> acked = submit(100, List.of("l-1"), 0);
    net.pass(2_000);
    net.leave(ids.get(2));
    assertThat(net.await(30_000, this::ringIsCorrect)).isTrue();
    net.pass(3_000);
    for (Acked a : acked) {
      int owner = owner(a.key());
      sameRecord(getByKey(ids.get(0), a.key()), a);
      assertThat(
              net.node(owner).ledger().store().record(a.txId()).isPresent()
                  || net.node(owner).replicaStore().contains(a.txId()))
          .as("the key's owner holds %s", a.txId())
          .isTrue();
    }
  }
}
