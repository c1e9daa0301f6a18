package io.flowchain.core.ledger;

/**
 * Why a virtual block was closed to new records before it was sealed (paper §4). The code is what a
 * seal carries on the wire; 0 means the block was valid when it was sealed. Invalid is permanent.
 */
public enum InvalidReason {
  /** The node restarted without a clean shutdown (crash, power loss, kill). */
  UNCLEAN_SHUTDOWN(1),
  /** The heap was nearly exhausted. */
  OUT_OF_MEMORY(2),
  /** The disk was nearly full. */
  DISK_FULL(3),
  /** The node lost its network. */
  NETWORK_LOSS(4),
  /** The device reported a low battery. */
  LOW_BATTERY(5),
  /** An operator closed the block. */
  OPERATOR(6);

  private final int code;

  InvalidReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The reason of a seal status code 1..6. */
  public static InvalidReason ofCode(int code) {
    for (InvalidReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown invalid-reason code " + code);
  }
}
