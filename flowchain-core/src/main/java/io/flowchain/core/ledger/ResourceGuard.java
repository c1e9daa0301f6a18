package io.flowchain.core.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Watches two invalid conditions of paper §4.1, a nearly full disk and a nearly exhausted heap, and
 * closes the ledger's open blocks when one occurs: {@link InvalidReason#DISK_FULL} when usable disk
 * falls below a minimum, {@link InvalidReason#OUT_OF_MEMORY} when the free heap fraction falls
 * below a minimum. The records already in those blocks stay and are sealed by the next block.
 *
 * <p>While a condition lasts, every check closes the blocks again, so a block mined meanwhile does
 * not take records either. {@link #check()} is meant to run on a scheduler tick (it calls the
 * suppliers, which should be cheap). Thread-safe.
 */
public final class ResourceGuard {
  private final Ledger ledger;
  private final LongSupplier usableDiskBytes;
  private final long minDiskBytes;
  private final DoubleSupplier freeHeapFraction;
  private final double minFreeHeap;

  /**
   * @param minDiskBytes the disk is nearly full below this many usable bytes (0 disables)
   * @param minFreeHeap the heap is nearly exhausted below this free fraction (0 disables)
   */
  public ResourceGuard(
      Ledger ledger,
      LongSupplier usableDiskBytes,
      long minDiskBytes,
      DoubleSupplier freeHeapFraction,
      double minFreeHeap) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.usableDiskBytes = Objects.requireNonNull(usableDiskBytes, "usableDiskBytes");
    this.freeHeapFraction = Objects.requireNonNull(freeHeapFraction, "freeHeapFraction");
    if (minDiskBytes < 0) {
      throw new IllegalArgumentException("minimum free disk must not be negative: " + minDiskBytes);
    }
    if (!(minFreeHeap >= 0 && minFreeHeap < 1)) {
      throw new IllegalArgumentException("minimum free heap must be in [0, 1): " + minFreeHeap);
    }
    this.minDiskBytes = minDiskBytes;
    this.minFreeHeap = minFreeHeap;
  }

  /**
   * Reads the resources once and, if a condition holds, labels every open valid block invalid.
   * Returns the condition found, if any (disk first).
   */
  public Optional<InvalidReason> check() {
    Optional<InvalidReason> condition = condition();
    condition.ifPresent(
        reason -> {
          if (ledger.validBlock().isPresent()) {
            ledger.invalidateOpenBlocks(reason);
          }
        });
    return condition;
  }

  /** The condition that holds now, if any, without acting on it. */
  public Optional<InvalidReason> condition() {
    if (minDiskBytes > 0 && usableDiskBytes.getAsLong() < minDiskBytes) {
      return Optional.of(InvalidReason.DISK_FULL);
    }
    if (minFreeHeap > 0) {
      double free = freeHeapFraction.getAsDouble();
      if (!Double.isNaN(free) && free < minFreeHeap) {
        return Optional.of(InvalidReason.OUT_OF_MEMORY);
      }
    }
    return Optional.empty();
  }
}
