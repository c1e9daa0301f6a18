package io.flowchain.node.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowchain.core.crypto.Signature;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {
  private final Record record = MessageVectors.record();
  private final BlockHeader block = MessageVectors.block1();

  private static Signature flipped(Signature s) {
    byte[] b = s.toBytes();
    b[10] ^= 1;
    return Signature.of(b);
  }

  @Test
  void aValidHeaderAndRecordCheckOutAgainAndAgain() {
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    for (int i = 0; i < 3; i++) {
      assertThat(RecordCheck.problem(record, block, seen)).isEmpty();
    }
  }

  @Test
  void aHeaderOfTheSameHashWithAnotherSignatureIsRefusedAfterTheGoodOneWasRemembered() {
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    assertThat(seen.headerSignatureValid(block)).isTrue();
    BlockHeader forged = block.withSignature(flipped(block.signature()));
    assertThat(forged.hash()).isEqualTo(block.hash());
    assertThat(seen.headerSignatureValid(forged)).isFalse();
    assertThat(RecordCheck.headerProblem(forged, seen)).isPresent();
  }

  @Test
  void aRecordAlteredUnderTheSameSignatureIsRefusedAfterTheGoodOneWasRemembered() {
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    assertThat(seen.recordSignatureValid(record, block.minerKey())).isTrue();
    Record later =
        new Record(
            record.txId(),
            record.dataKey(),
            record.submission(),
            record.recordedAt() + 1,
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            record.signature());
    assertThat(seen.recordSignatureValid(later, block.minerKey())).isFalse();
    assertThat(RecordCheck.recordProblem(later, block, seen))
        .hasValueSatisfying(p -> assertThat(p).contains("signature"));
  }

  @Test
  void aBadSignatureIsNeverRemembered() {
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    Record forged =
        new Record(
            record.txId(),
            record.dataKey(),
            record.submission(),
            record.recordedAt(),
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            flipped(record.signature()));
    assertThat(seen.recordSignatureValid(forged, block.minerKey())).isFalse();
    assertThat(seen.recordSignatureValid(forged, block.minerKey())).isFalse();
    assertThat(seen.recordSignatureValid(record, block.minerKey())).isTrue();
  }

  @Test
  void aRecordRememberedForOneKeyIsVerifiedForAnother() {
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    assertThat(seen.recordSignatureValid(record, block.minerKey())).isTrue();
    io.flowchain.core.crypto.NodePublicKey other =
        io.flowchain.core.crypto.NodeKeyPair.generate(new java.util.SplittableRandom(5))
            .publicKey();
    assertThat(seen.recordSignatureValid(record, other)).isFalse();
  }

  @Test
  void ownRecordsAreTakenAsSignedWithoutVerifying() {
    // what trustOwn promises: the node's own records are not verified again (shown with a record
    // whose signature would not verify, which a node never signs)
    VerifiedSignatures seen = new VerifiedSignatures(16, 16);
    Record notVerifiable =
        new Record(
            record.txId(),
            record.dataKey(),
            record.submission(),
            record.recordedAt(),
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            flipped(record.signature()));
    seen.trustOwn(notVerifiable, block.minerKey());
    assertThat(seen.recordSignatureValid(notVerifiable, block.minerKey())).isTrue();
    assertThat(VerifiedSignatures.NONE.recordSignatureValid(notVerifiable, block.minerKey()))
        .isFalse();
  }

  @Test
  void theCacheStaysWithinItsCapacity() {
    VerifiedSignatures seen = new VerifiedSignatures(1, 1);
    Record forged =
        new Record(
            record.txId(),
            record.dataKey(),
            record.submission(),
            record.recordedAt(),
            record.blockNo(),
            record.blockHash(),
            record.recorder(),
            flipped(record.signature()));
    seen.trustOwn(forged, block.minerKey());
    // remembering the good record empties the full set: the forged one is no longer taken
    assertThat(seen.recordSignatureValid(record, block.minerKey())).isTrue();
    assertThat(seen.recordSignatureValid(forged, block.minerKey())).isFalse();
  }

  @Test
  void negativeCapacitiesAreRefused() {
    assertThatThrownBy(() -> new VerifiedSignatures(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
