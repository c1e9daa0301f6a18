package io.flowchain.cli;

import io.flowchain.core.mining.VirtualMiner;
import picocli.CommandLine.Option;

/** The virtual miner's options, shared by the commands that run a miner. */
public final class MinerOptions {
  @Option(
      names = "--tick-ms",
      description = "Mining tick in milliseconds (default: ${DEFAULT-VALUE}).")
  public long tickMillis = VirtualMiner.DEFAULT_TICK_MILLIS;

  @Option(
      names = "--attempts-per-tick",
      description = "Hash attempts per mining tick (default: ${DEFAULT-VALUE}).")
  public int attemptsPerTick = VirtualMiner.DEFAULT_ATTEMPTS_PER_TICK;
}
