package io.flowchain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowchain.core.crypto.NodeKeyPair;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.types.Difficulty;
import io.flowchain.store.rocksdb.RocksDbStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example compiles (it is this module's test code) and works. */
class ReadmeExampleTest {
  private static final String MARKER = "// --8<-- example";

  @Test
  void theReadmeQuotesTheExampleExactly() throws IOException {
    String source = Files.readString(Path.of("src/test/java/io/flowchain/node/ReadmeExample.java"));
    int start = source.indexOf(MARKER);
    int end = source.indexOf(MARKER, start + 1);
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    String body = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end));
    String indent = "    ";
    StringBuilder expected = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      expected
          .append(line.startsWith(indent) ? line.substring(indent.length()) : line)
          .append('\n');
    }
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains(expected.toString());
  }

  @Test
  void theExampleJoinsARingRecordsAndReadsBack(@TempDir Path dir) throws Exception {
    InProcessNetwork network = new InProcessNetwork();
    NetworkParams params =
        new NetworkParams(
            "my-net", 1_735_689_600_000L, List.of(Difficulty.leadingZeroBits(8)), List.of());
    try (FlowchainNode seed =
        FlowchainNode.builder()
            .network(params)
            .keys(NodeKeyPair.generate())
            .transport(network.at("seed:7001"))
            .start()) {
      seed.started().get(60, TimeUnit.SECONDS);
      ReadmeExample.Outcome out = ReadmeExample.run(network.at("me:7002"), seed.peer(), dir);
      assertThat(out.readBack()).isPresent();
      assertThat(out.receipt().verify(out.readBack().get().submission())).isTrue();
      assertThat(
              new String(
                  out.readBack().get().submission().payload().toByteArray(),
                  StandardCharsets.UTF_8))
          .isEqualTo("{\"temperature\":21.5}");
      assertThat(out.series().records()).extracting(r -> r.txId()).contains(out.receipt().txId());
      assertThat(out.receipt().copies()).isEqualTo(1); // default policy: the recorder's own copy
      // the example's node kept its branch and its key in the data directory
      assertThat(dir.resolve("node.pem")).isRegularFile();
      assertThat(RocksDbStore.exists(dir.resolve("ledger"))).isTrue();
      assertThat(dir.resolve("replicas")).isDirectory();
    }
  }
}
