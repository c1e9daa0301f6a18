package io.flowchain.cli;

import io.flowchain.cli.net.ClientSession;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.port.SystemClock;
import io.flowchain.core.types.Bytes;
import io.flowchain.node.FlowchainException;
import io.flowchain.node.message.Receipt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flowchain put}: submits one reading to a running network. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Submits DATA as a reading of an object to a running network, through one of its nodes, and"
          + " prints the receipt once it has been checked: the reading is keyed (H_DATA), routed"
          + " to the successor of its key, recorded there in a valid block, copied to the next"
          + " successors, and the recorder's signed receipt comes back to this client.",
      "The client is a member like a node: it needs a key and a membership certificate of the"
          + " network (flowchain keygen, flowchain network authorize).",
      "Exit code 0 with a receipt; 1 if the network did not acknowledge the reading.",
      ""
    })
public final class PutCommand implements Callable<Integer> {
  @Mixin RemoteOptions remote = new RemoteOptions();

  @Option(names = "--object", required = true, description = "The object (device) id.")
  String objectId;

  @Option(
      names = "--content-type",
      description =
          "Content type of DATA (default: application/json if DATA is JSON, else text/plain).")
  String contentType;

  @Option(names = "--json", description = "Print the receipt as one JSON object.")
  boolean json;

  @Parameters(index = "0", paramLabel = "DATA", description = "The reading (at most 64 KiB).")
  String data;

  @Override
  public Integer call() throws Exception {
    if (!remote.given()) {
      throw new IllegalArgumentException("put needs --node HOST:PORT");
    }
    Submission.checkObjectId(objectId);
    byte[] payload = data.getBytes(StandardCharsets.UTF_8);
    String type =
        contentType != null ? contentType : (isJson(data) ? "application/json" : "text/plain");
    Submission s =
        Submission.of(
            objectId,
            type,
            Bytes.of(payload),
            SystemClock.INSTANCE.nowMillis(),
            new SecureRandom());
    Receipt r;
    try (ClientSession session = remote.open()) {
      r = session.client().submit(s).get(remote.timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FlowchainException f) {
        System.err.println("error: not acknowledged: " + f.getMessage());
        return 1;
      }
      throw e;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("txId", r.txId().toHex());
    out.put("dataKey", r.dataKey().toHex());
    out.put("object", objectId);
    out.put("recorder", r.recorder().toHex());
    out.put("blockNo", r.blockNo());
    out.put("blockHash", r.blockHash().toHex());
    out.put("recordedAt", r.recordedAt());
    out.put("copies", r.copies());
    if (json) {
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      System.out.println("txID:        " + r.txId());
      System.out.println("data key:    " + r.dataKey());
      System.out.println("recorder:    " + r.recorder());
      System.out.println("block:       " + r.blockNo() + " " + r.blockHash());
      System.out.println("recorded at: " + Instant.ofEpochMilli(r.recordedAt()));
      System.out.println(
          "copies:      " + r.copies() + " durable when acknowledged (the recorder's included)");
    }
    return 0;
  }

  private static boolean isJson(String text) {
    try {
      Json.MAPPER.readTree(text);
      String t = text.trim();
      return t.startsWith("{") || t.startsWith("[");
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
