package io.flowchain.core.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.types.Difficulty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code network.json} file that defines a network: its {@link NetworkParams} (name, genesis
 * timestamp, difficulty table as 64-hex-digit targets, administrator keys as hex) plus a {@code
 * timers} object of node settings that the genesis does not commit to, kept as it is.
 */
public final class NetworkJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NetworkJson() {}

  /** A network definition: the parameters, the genesis hash and the timers object. */
  public record Network(NetworkParams params, JsonNode timers) {
    public String genesisHash() {
      return Genesis.of(params).hash().toHex();
    }
  }

  public static ObjectNode toJson(NetworkParams params, JsonNode timers) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", params.name());
    n.put("genesisTimestamp", params.genesisTimestamp());
    ArrayNode table = n.putArray("difficultyTable");
    params.difficultyTable().forEach(d -> table.add(d.toHex()));
    ArrayNode admins = n.putArray("administrators");
    params.administrators().forEach(k -> admins.add(k.toHex()));
    n.put("genesisHash", Genesis.of(params).hash().toHex());
    n.set("timers", timers == null ? JSON.createObjectNode() : timers);
    return n;
  }

  /** Parses a network definition; a {@code genesisHash}, if present, must match. */
  public static Network parse(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "network file is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("network file must be a JSON object");
    }
    List<Difficulty> table = new ArrayList<>();
    for (JsonNode d : array(n, "difficultyTable")) {
      table.add(Difficulty.parse(d.asText()));
    }
    List<NodePublicKey> admins = new ArrayList<>();
    for (JsonNode k : array(n, "administrators")) {
      admins.add(NodePublicKey.parse(k.asText()));
    }
    JsonNode ts = n.get("genesisTimestamp");
    if (ts == null || !ts.canConvertToLong() || !ts.isIntegralNumber()) {
      throw new IllegalArgumentException("network file needs an integer \"genesisTimestamp\"");
    }
    JsonNode name = n.get("name");
    if (name == null || !name.isTextual()) {
      throw new IllegalArgumentException("network file needs a string \"name\"");
    }
    NetworkParams params = new NetworkParams(name.asText(), ts.asLong(), table, admins);
    JsonNode hash = n.get("genesisHash");
    String computed = Genesis.of(params).hash().toHex();
    if (hash != null && !hash.asText().equals(computed)) {
      throw new IllegalArgumentException(
          "network file's genesisHash "
              + hash.asText()
              + " does not match its parameters ("
              + computed
              + ")");
    }
    JsonNode timers = n.has("timers") ? n.get("timers") : JSON.createObjectNode();
    return new Network(params, timers);
  }

  public static Network read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode array(JsonNode n, String field) {
    JsonNode a = n.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("network file needs an array \"" + field + "\"");
    }
    return a;
  }
}
