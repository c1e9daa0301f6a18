/**
 * Difficulty control of the virtual miner (paper §3.2): a {@link
 * io.flowchain.core.mining.DifficultyTable} indexed by a probability, the probability drawn by
 * {@link io.flowchain.core.mining.DifficultyControl} from a Gaussian whose variance is the node's
 * {@link io.flowchain.core.mining.Reliability}, and the {@link
 * io.flowchain.core.mining.ReliabilityInput}s that reliability is computed from. Everything here is
 * pure except {@link io.flowchain.core.mining.SystemResources}, the one adapter that reads the
 * machine.
 */
package io.flowchain.core.mining;
