package io.flowchain.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.merkle.MerkleTree;
import io.flowchain.core.verify.BranchSource;
import io.flowchain.core.verify.BranchVerifier;
import io.flowchain.core.verify.VerificationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

  @Test
  void aNewBranchStartsAtTheNetworksGenesisAndHasNoValidBlock() {
    Fixture f = new Fixture(1, ValidBlockPolicy.mru());
    assertThat(f.ledger.tip()).isEqualTo(Genesis.of(f.params));
    assertThat(f.ledger.validBlock()).isEmpty();
    assertThatThrownBy(() -> f.ledger.record(f.reading("s1", 1)))
        .isInstanceOf(NoValidBlockException.class);
  }

  @Test
  void recordsGoIntoTheNewestBlockAndTheNextBlockSealsThem() {
    Fixture f = new Fixture(2, ValidBlockPolicy.mru());
    BlockHeader b1 = f.miner.tick().orElseThrow();
    assertThat(b1.no()).isEqualTo(1);
    assertThat(b1.seal()).isEqualTo(Seal.NONE);
    f.record("s1", 5);
    List<Record> in1 = f.store.recordsInBlock(1);
    assertThat(in1).hasSize(5).allMatch(r -> r.blockHash().equals(b1.hash()));

    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.previousHash()).isEqualTo(b1.hash());
    assertThat(b2.seal().sealedNo()).isEqualTo(1);
    assertThat(b2.seal().recordCount()).isEqualTo(5);
    assertThat(b2.merkleRoot()).isEqualTo(MerkleTree.root(in1.stream().map(Record::txId).toList()));
    assertThat(b2.seal().reason()).isNull();
    assertThat(f.ledger.validBlock()).hasValue(2);
  }

  @Test
  void everyRecordIsSignedByTheRecorderAndItsTxIdFollowsTheFormula() {
    Fixture f = new Fixture(3, ValidBlockPolicy.mru());
    BlockHeader b1 = f.miner.tick().orElseThrow();
    Record r = f.ledger.record(f.reading("s1", 21.5)).join();
    assertThat(r.recorder()).isEqualTo(f.keys.nodeId());
    assertThat(r.signatureValidFor(f.keys.publicKey())).isTrue();
    assertThat(r.dataKey()).isEqualTo(r.submission().dataKey());
    assertThat(r.txId()).isEqualTo(TxHashes.txId(b1.hBlock(), r.dataKey()));
    assertThat(b1.signatureValid()).isTrue();
  }

  @Test
  void submittingTheSameDataTwiceReturnsTheRecordAlreadyStored() {
    Fixture f = new Fixture(4, ValidBlockPolicy.mru());
    f.miner.tick();
    Submission s = f.reading("s1", 1);
    Record first = f.ledger.record(s).join();
    f.miner.tick();
    assertThat(f.ledger.record(s).join()).isEqualTo(first);
    assertThat(f.store.recordCount()).isEqualTo(1);
  }

  @Test
  void anInvalidatedBlockRefusesRecordsUntilTheNextIsMinedAndIsSealedWithItsReason() {
    Fixture f = new Fixture(5, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 3);
    f.ledger.invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
    assertThat(f.ledger.validBlock()).isEmpty();
    assertThatThrownBy(() -> f.ledger.record(f.reading("s1", 9)))
        .isInstanceOf(NoValidBlockException.class);
    assertThat(f.store.invalidReason(1)).hasValue(InvalidReason.LOW_BATTERY);

    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.seal().reason()).isEqualTo(InvalidReason.LOW_BATTERY);
    assertThat(b2.seal().recordCount()).isEqualTo(3);
    assertThat(f.store.recordsInBlock(1)).hasSize(3);
    f.record("s1", 2);
    assertThat(f.store.recordsInBlock(2)).hasSize(2);
    assertThat(verify(f).ok()).isTrue();
    assertThat(verify(f).invalidBlocks()).isEqualTo(1);
  }

  @Test
  void invalidIsPermanent() {
    Fixture f = new Fixture(6, ValidBlockPolicy.mru());
    f.miner.tick();
    f.ledger.invalidateOpenBlocks(InvalidReason.OPERATOR);
    f.ledger.invalidateOpenBlocks(InvalidReason.DISK_FULL);
    assertThat(f.store.invalidReason(1)).hasValue(InvalidReason.OPERATOR);
    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.seal().reason()).isEqualTo(InvalidReason.OPERATOR);
  }

  @Test
  void multiValidPolicyKeepsRecordingIntoAnOlderOpenBlockWhenTheNewestTurnsInvalid() {
    Fixture f = new Fixture(7, ValidBlockPolicy.multiValid(3));
    f.miner.tick();
    f.miner.tick();
    f.miner.tick(); // blocks 1..3 open, nothing sealed yet
    assertThat(f.ledger.tip().seal()).isEqualTo(Seal.NONE);
    assertThat(f.ledger.validBlock()).hasValue(3);
    f.record("s1", 2);

    f.ledger.invalidateOpenBlocks(InvalidReason.NETWORK_LOSS);
    assertThat(f.ledger.validBlock()).isEmpty();
    BlockHeader b4 = f.miner.tick().orElseThrow(); // seals block 1
    assertThat(b4.seal().sealedNo()).isEqualTo(1);
    assertThat(f.ledger.validBlock()).hasValue(4);
    f.record("s1", 1);

    // block 4 becomes invalid: no older open block is valid, so nothing is valid
    f.ledger.invalidateOpenBlocks(InvalidReason.LOW_BATTERY);
    f.miner.tick(); // block 5 seals 2
    f.miner.tick(); // block 6 seals 3
    assertThat(f.ledger.validBlock()).hasValue(6);
    f.record("s1", 1);
    assertThat(f.store.recordsInBlock(6)).hasSize(1);
    assertThat(verify(f).ok()).isTrue();
  }

  @Test
  void olderOpenBlockTakesRecordsWhileTheNewerOneIsInvalid() {
    Fixture f = new Fixture(8, ValidBlockPolicy.multiValid(2));
    f.miner.tick();
    f.miner.tick(); // blocks 1, 2 open
    f.ledger.invalidateBlock(2, InvalidReason.OPERATOR);
    assertThat(f.ledger.validBlock()).hasValue(1);
    f.record("s", 2);
    assertThat(f.store.recordsInBlock(1)).hasSize(2);
    assertThat(f.store.recordsInBlock(2)).isEmpty();
    assertThat(f.ledger.openBlocks())
        .extracting(Ledger.OpenBlockInfo::invalidReason)
        .containsExactly(null, InvalidReason.OPERATOR);
    assertThatThrownBy(() -> f.ledger.invalidateBlock(7, InvalidReason.OPERATOR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not open");
  }

  @Test
  void uncleanRestartInvalidatesTheOpenBlockButKeepsItsRecords() {
    Fixture f = new Fixture(10, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 4);
    // no close(): as after a crash
    f.reopen(ValidBlockPolicy.mru());
    assertThat(f.store.invalidReason(1)).hasValue(InvalidReason.UNCLEAN_SHUTDOWN);
    assertThat(f.ledger.validBlock()).isEmpty();
    assertThatThrownBy(() -> f.ledger.record(f.reading("s1", 1)))
        .isInstanceOf(NoValidBlockException.class);
    BlockHeader b2 = f.miner.tick().orElseThrow();
    assertThat(b2.seal().reason()).isEqualTo(InvalidReason.UNCLEAN_SHUTDOWN);
    assertThat(b2.seal().recordCount()).isEqualTo(4);
    f.record("s1", 1);
    assertThat(verify(f).ok()).isTrue();
  }

  @Test
  void cleanRestartKeepsTheOpenBlockValid() {
    Fixture f = new Fixture(11, ValidBlockPolicy.mru());
    f.miner.tick();
    f.record("s1", 2);
    f.ledger.close();
    f.reopen(ValidBlockPolicy.mru());
    assertThat(f.ledger.validBlock()).hasValue(1);
    f.record("s1", 2);
    f.miner.tick();
    assertThat(f.ledger.tip().seal().recordCount()).isEqualTo(4);
    assertThat(verify(f).ok()).isTrue();
  }

  @Test
  void aBranchKeepsItsValidBlockWindow() {
    Fixture f = new Fixture(12, ValidBlockPolicy.mru());
    f.miner.tick();
    f.ledger.close();
    assertThatThrownBy(() -> f.reopen(ValidBlockPolicy.multiValid(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("window of 1");
  }

  @Test
  void aClosedLedgerRefusesRecordsAndBlocks() {
    Fixture f = new Fixture(13, ValidBlockPolicy.mru());
    f.miner.tick();
    f.ledger.close();
    assertThatThrownBy(() -> f.ledger.record(f.reading("s1", 1))).hasMessageContaining("closed");
    assertThat(f.miner.tick()).isEmpty();
  }

  @Test
  void aDifficultyOutsideTheNetworksTableIsRefused() {
    Fixture f = new Fixture(14, ValidBlockPolicy.mru());
    assertThatThrownBy(
            () ->
                f.ledger.tryMine(
                    Fixture.START, io.flowchain.core.types.Difficulty.leadingZeroBits(3), 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the network's table");
  }

  static VerificationReport verify(Fixture f) {
    return new BranchVerifier(f.params).verify(BranchSource.of(f.store));
  }
}
