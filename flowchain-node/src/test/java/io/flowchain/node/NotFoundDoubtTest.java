package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.types.Hash;
import io.flowchain.core.types.TxId;
import org.junit.jupiter.api.Test;

class NotFoundDoubtTest {
  private final TxId txId = new TxId(Hash.ZERO);

  @Test
  void notFoundIsSaidOnlyWhenEveryMemberLearntOfAnswered() {
    assertThat(NotFoundDoubt.of(txId, 5, 0, 0)).isEmpty();
    assertThat(NotFoundDoubt.of(txId, 4, 1, 0)).get().asString().contains("1 did not answer");
    assertThat(NotFoundDoubt.of(txId, 0, 3, 0)).contains("no member answered");
  }

  @Test
  void membersLeftOutByTheWalksBoundAreNamed() {
    assertThat(NotFoundDoubt.of(txId, 256, 0, 44))
        .get()
        .asString()
        .contains("among the 256 members that answered")
        .contains("44 were not asked");
    assertThat(NotFoundDoubt.of(txId, 255, 1, 44))
        .get()
        .asString()
        .contains("1 did not answer in time and 44 were not asked");
  }
}
