package io.flowchain.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.export.BranchExport;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.ledger.Fixture;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.ValidBlockPolicy;
import io.flowchain.core.store.InMemoryStore;
import io.flowchain.core.verify.BranchSource;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
  private final NodeKeyPair admin = NodeKeyPair.generate(new SplittableRandom(100));
  private final NetworkParams params = Fixture.params(List.of(admin.publicKey()));
  private final List<Fixture> nodes = new ArrayList<>();

  private void network(int n) {
    for (int i = 0; i < n; i++) {
      Fixture f = new Fixture(10 + i, ValidBlockPolicy.mru(), new InMemoryStore(), params);
      nodes.add(f);
    }
    for (int round = 0; round < 3; round++) {
      for (Fixture f : nodes) {
        f.miner.tick();
        f.record("sensor-" + round, 2 + round);
        f.scheduler.advance(7);
      }
    }
    nodes.get(0).ledger.invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
    nodes.forEach(f -> f.miner.tick());
  }

  private List<BranchSource> branches() {
    return nodes.stream().map(f -> BranchSource.of(f.store)).toList();
  }

  @Test
  void mergesEverySealedBlockInTimeOrderAndSignsTheHead() {
    network(3);
    Inventory.Round round = new Inventory(params, admin).merge(null, branches(), s -> {});
    MergedChain chain = round.chain();
    assertThat(chain.blocks()).hasSize(9); // 3 sealed blocks per branch
    assertThat(chain.recordCount()).isEqualTo(3 * (2 + 3 + 4));
    assertThat(chain.signatureValid()).isTrue();
    for (int i = 1; i < chain.blocks().size(); i++) {
      assertThat(MergedBlock.compareInRound(chain.blocks().get(i - 1), chain.blocks().get(i)))
          .isNegative();
    }
    assertThat(chain.blocks()).filteredOn(m -> m.status() == InvalidReason.LOW_BATTERY).hasSize(1);
    ChainAuditor.AuditReport audit = new ChainAuditor(params).audit(chain, branches(), s -> {});
    assertThat(audit.fault()).isNull();
    assertThat(audit.invalidBlocks()).isEqualTo(1);
  }

  @Test
  void everyMergedRecordIsProvableAgainstItsEntry() {
    network(2);
    MergedChain chain = new Inventory(params, admin).merge(null, branches(), s -> {}).chain();
    int proven = 0;
    for (Fixture f : nodes) {
      BranchSource b = BranchSource.of(f.store);
      for (long no = 1; no <= b.height(); no++) {
        for (Record r : b.records(no)) {
          var proof = Inventory.prove(chain, b, r.txId());
          if (no <= b.header(b.height()).seal().sealedNo()) {
            assertThat(proof).isPresent();
            assertThat(proof.get().verify(r.txId())).isTrue();
            proven++;
          }
        }
      }
    }
    assertThat(proven).isEqualTo(chain.recordCount());
  }

  @Test
  void aMonitorMergesIncrementallyInRounds() {
    network(2);
    Inventory inventory = new Inventory(params, admin);
    MergedChain first = inventory.merge(null, branches(), s -> {}).chain();
    for (Fixture f : nodes) {
      f.record("later", 3);
      f.miner.tick();
    }
    Inventory.Round second = inventory.merge(first, branches(), s -> {});
    assertThat(second.added()).isEqualTo(2);
    assertThat(second.chain().blocks().subList(0, first.blocks().size())).isEqualTo(first.blocks());
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.chain().lastRound()).isEqualTo(2);
    assertThat(new ChainAuditor(params).audit(second.chain(), branches(), s -> {}).ok()).isTrue();
    // nothing new: an empty round, which leaves no entry behind, so the next round is 3 again
    Inventory.Round empty = inventory.merge(second.chain(), branches(), s -> {});
    assertThat(empty.added()).isZero();
    assertThat(empty.number()).isEqualTo(3);
    assertThat(empty.chain().lastRound()).isEqualTo(2);
  }

  @Test
  void onlyAnAdministratorCanMergeAndForgedHeadsAreFound() {
    network(2);
    NodeKeyPair stranger = NodeKeyPair.generate(new SplittableRandom(5));
    assertThatThrownBy(() -> new Inventory(params, stranger))
        .hasMessageContaining("not an administrator");
    MergedChain chain = new Inventory(params, admin).merge(null, branches(), s -> {}).chain();
    MergedChain forged = MergedChain.sign(params, chain.blocks(), stranger);
    assertThat(new ChainAuditor(params).audit(forged, branches(), s -> {}).fault())
        .contains("administrator");
    List<MergedBlock> dropped = new ArrayList<>(chain.blocks());
    dropped.remove(dropped.size() - 1);
    MergedChain shorter = MergedChain.sign(params, dropped, admin);
    assertThat(new ChainAuditor(params).audit(shorter, branches(), s -> {}).fault())
        .contains("missing from the merged chain");
  }

  @Test
  void aBranchThatDoesNotVerifyIsRejected() {
    network(2);
    Fixture other = new Fixture(99, ValidBlockPolicy.mru()); // another network's genesis
    other.miner.tick();
    other.miner.tick();
    List<BranchSource> mixed = new ArrayList<>(branches());
    mixed.add(BranchSource.of(other.store));
    // the fixture's default network has no administrators but the same name: different genesis
    assertThatThrownBy(() -> new Inventory(params, admin).merge(null, mixed, s -> {}))
        .isInstanceOf(Inventory.BranchRejected.class)
        .hasMessageContaining("GENESIS_MISMATCH");
  }

  @Test
  void exportsAndInventoryFilesRoundTripAndAnyAlteredByteIsFound(@TempDir Path dir)
      throws Exception {
    network(2);
    List<Path> exports = new ArrayList<>();
    for (Fixture f : nodes) {
      Path p = dir.resolve(f.keys.nodeId() + ".fcb");
      try (OutputStream out = Files.newOutputStream(p)) {
        BranchExport.write(params, BranchSource.of(f.store), out, no -> {});
      }
      exports.add(p);
    }
    List<ExportedBranch> read = new ArrayList<>();
    for (Path p : exports) {
      read.add(ExportedBranch.open(p));
    }
    MergedChain chain =
        new Inventory(params, admin).merge(null, new ArrayList<>(read), s -> {}).chain();
    Path file = dir.resolve("inventory.fcm");
    InventoryFile.write(file, chain, read);
    for (ExportedBranch b : read) {
      b.close();
    }
    try (InventoryFile inv = InventoryFile.open(file)) {
      assertThat(inv.chain()).isEqualTo(chain);
      assertThat(new ChainAuditor(params).audit(inv.chain(), inv.branches(), s -> {}).ok())
          .isTrue();
    }
    byte[] bytes = Files.readAllBytes(file);
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      byte[] copy = bytes.clone();
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 << random.nextInt(8));
      Path bad = dir.resolve("bad.fcm");
      Files.write(bad, copy);
      boolean detected;
      try (InventoryFile inv = InventoryFile.open(bad)) {
        detected = !new ChainAuditor(params).audit(inv.chain(), inv.branches(), s -> {}).ok();
      } catch (IllegalArgumentException refused) {
        detected = true;
      }
      assertThat(detected).as("byte %d altered", at).isTrue();
    }
  }
}
