package io.flowchain.node;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.Difficulty;
import io.flowchain.dht.Peer;
import io.flowchain.node.message.Receipt;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedding example of README.md, compiled and run by {@code ReadmeExampleTest}, which also
 * checks that the README quotes exactly the code between the markers.
 */
final class ReadmeExample {
  record Outcome(Receipt receipt, Optional<Record> readBack, QueryResult series) {}

  static Outcome run(TransportFactory transport, Peer seed, Path dir) throws Exception {
    // --8<-- example
    // every node of a network shares its parameters (usually read from network.json)
    NetworkParams network =
        new NetworkParams(
            "my-net", 1_735_689_600_000L, List.of(Difficulty.leadingZeroBits(8)), List.of());

    FlowchainNode node =
        FlowchainNode.builder()
            .network(network)
            .dataDir(dir) // the branch, the replicas and node.pem live here
            .transport(transport) // e.g. the WebSocket transport of flowchain-net
            .join(seed) // leave out to start a new ring
            .replicas(3)
            .onStart(n -> System.out.println("member of the ring as " + n.peer()))
            .onMessage(record -> System.out.println("recorded here: " + record.txId()))
            .onData(record -> System.out.println("holding a copy of " + record.txId()))
            .onQuery(request -> System.out.println("serving a " + request.kind()))
            .start();
    node.started().get(60, TimeUnit.SECONDS);

    Receipt receipt =
        node.submit("{\"temperature\":21.5}".getBytes(UTF_8), "sensor-1", "application/json")
            .get(30, TimeUnit.SECONDS);
    System.out.println("recorded as " + receipt.txId() + " in block " + receipt.blockNo());

    Optional<Record> back = node.get(receipt.dataKey()).get(30, TimeUnit.SECONDS);
    QueryResult series = node.query("sensor-1", 0, Long.MAX_VALUE).get(30, TimeUnit.SECONDS);
    System.out.println(series.records().size() + " readings of sensor-1");

    node.close();
    // --8<-- example
    return new Outcome(receipt, back, series);
  }
}
