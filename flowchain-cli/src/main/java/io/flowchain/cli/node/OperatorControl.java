package io.flowchain.cli.node;

import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The operator's invalid condition (paper §4.1): while a node runs, creating the file {@code
 * DIR/invalidate} closes its open blocks with reason {@link InvalidReason#OPERATOR}; the node then
 * deletes the file. Checked on a timer by {@code node start}.
 */
public final class OperatorControl {
  public static final String FILE = "invalidate";

  private final Path file;
  private final Ledger ledger;

  public OperatorControl(DataDir dir, Ledger ledger) {
    this.file = dir.root().resolve(FILE);
    this.ledger = ledger;
  }

  /** Acts on the file if it is there; returns true if it did. */
  public boolean check() throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    ledger.invalidateOpenBlocks(InvalidReason.OPERATOR);
    Files.deleteIfExists(file);
    return true;
  }
}
