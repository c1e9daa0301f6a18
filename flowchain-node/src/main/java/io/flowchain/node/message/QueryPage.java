package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import java.util.List;

/**
 * One node's answer to a {@link Query}: its matching records in (timestamp, txID) order with the
 * headers of their blocks, whether it holds more after the last one ({@code more}), and its
 * successor list (for the rest of the ring walk).
 */
public record QueryPage(
    long requestId,
    List<BlockHeader> headers,
    List<Record> records,
    boolean more,
    List<io.flowchain.dht.Peer> successors)
    implements LedgerMessage {
  public QueryPage {
    headers = Limits.list(headers, Limits.MAX_RECORDS, "headers");
    records = Limits.list(records, Limits.MAX_QUERY_LIMIT, "records");
    RecordBatch.check(headers, records);
    successors = Limits.peers(successors);
  }

  public static QueryPage of(
      long requestId,
      List<RecordAndBlock> entries,
      boolean more,
      List<io.flowchain.dht.Peer> successors) {
    return new QueryPage(
        requestId,
        RecordBatch.headersOf(entries),
        RecordBatch.recordsOf(entries),
        more,
        successors);
  }

  public List<RecordAndBlock> entries() {
    return RecordBatch.entries(headers, records);
  }

  @Override
  public Kind kind() {
    return Kind.QUERY_PAGE;
  }
}
