package io.flowchain.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowchain.cli.net.ClientSession;
import io.flowchain.cli.node.DataDir;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.ledger.RecordJson;
import io.flowchain.core.ledger.Submission;
import io.flowchain.core.store.LedgerStore;
import io.flowchain.node.QueryResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flowchain query}: an object's time series over a time range. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints an object's records with FROM <= timestamp < TO, in time order: from a node's data"
          + " directory with --data-dir (an index scan; reads beside a running node), or from"
          + " the whole of a running network with --node (every member is asked, the pages are"
          + " merged, and each record is checked against its block header).",
      "Times are ISO-8601 instants (2025-06-01T12:00:00Z) or milliseconds since the epoch.",
      ""
    })
public final class QueryCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "The node's data directory.")
  Path dataDir;

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Option(names = "--object", required = true, description = "The object (device) id.")
  String objectId;

  @Option(names = "--from", description = "Start of the range, inclusive (default: the beginning).")
  String from;

  @Option(names = "--to", description = "End of the range, exclusive (default: no end).")
  String to;

  @Option(
      names = "--limit",
      description = "Print at most this many records (default: ${DEFAULT-VALUE}).")
  int limit = 1000;

  @Option(names = "--json", description = "Print one JSON object: the records and a count.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Submission.checkObjectId(objectId);
    long fromMs = from == null ? 0 : parseTime(from, "--from");
    long toMs = to == null ? Long.MAX_VALUE : parseTime(to, "--to");
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1: " + limit);
    }
    if (fromMs >= toMs) {
      throw new IllegalArgumentException("--from must be before --to");
    }
    if ((dataDir == null) == !remote.given()) {
      throw new IllegalArgumentException("give either --data-dir DIR or --node HOST:PORT");
    }
    ArrayNode records = Json.MAPPER.createArrayNode();
    int count = 0;
    boolean more = false;
    int answered = -1;
    int unreachable = -1;
    List<Record> found = new ArrayList<>();
    if (remote.given()) {
      try (ClientSession session = remote.open()) {
        LedgerStore.Cursor cursor = null;
        answered = Integer.MAX_VALUE;
        unreachable = 0;
        do {
          QueryResult page =
              session
                  .client()
                  .query(objectId, fromMs, toMs, Math.min(500, limit - found.size()), cursor)
                  .get(remote.timeoutSeconds, TimeUnit.SECONDS);
          found.addAll(page.records());
          answered = Math.min(answered, page.nodesAnswered());
          unreachable = Math.max(unreachable, page.nodesUnreachable());
          cursor = page.next();
          more = cursor != null && found.size() == limit;
        } while (cursor != null && found.size() < limit);
      }
    } else {
      try (DataDir.ReadOnly ro = new DataDir(dataDir).openReadOnly()) {
        LedgerStore.Cursor cursor = null;
        do {
          LedgerStore.Page page =
              ro.store.query(objectId, fromMs, toMs, Math.min(500, limit - found.size()), cursor);
          found.addAll(page.records());
          cursor = page.next();
          more = cursor != null && found.size() == limit;
        } while (cursor != null && found.size() < limit);
      }
    }
    for (Record r : found) {
      count++;
      if (json) {
        records.add(RecordJson.toJson(r));
      } else {
        System.out.printf(
            "%s  %s  block %d  %s%n",
            Instant.ofEpochMilli(r.timestamp()),
            r.txId(),
            r.blockNo(),
            new String(r.submission().payload().toByteArray(), StandardCharsets.UTF_8));
      }
    }
    if (json) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.put("object", objectId);
      out.put("from", fromMs);
      out.put("to", toMs);
      out.put("count", count);
      out.put("truncated", more);
      if (answered >= 0) {
        out.put("nodesAnswered", answered);
        out.put("nodesUnreachable", unreachable);
      }
      out.set("records", records);
      System.out.println(Json.MAPPER.writeValueAsString(out));
    } else {
      System.out.println(
          count
              + " records"
              + (more ? " (more in the range: raise --limit)" : "")
              + (unreachable > 0
                  ? "; "
                      + unreachable
                      + " node(s) did not answer or were not asked: their records may be missing"
                  : ""));
    }
    return 0;
  }

  static long parseTime(String text, String option) {
    if (text.matches("\\d{1,19}")) {
      return Long.parseLong(text);
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be an ISO-8601 instant or epoch milliseconds: " + text);
    }
  }
}
