/** JMH micro-benchmarks of the ledger's hot paths. */
package io.flowchain.bench;
