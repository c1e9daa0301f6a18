package io.flowchain.node.message;

import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.types.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages that carry records together with the headers of their blocks. */
final class RecordBatch {
  private RecordBatch() {}

  /** The block a header stands for: its miner and number. */
  private record BlockRef(NodeId miner, long no) {}

  /**
   * Fails unless the headers are distinct blocks and every record's block (recorder, number) is
   * among them. Whether each record checks out against its header is left to the receiver.
   */
  static void check(List<BlockHeader> headers, List<Record> records) {
    index(headers, records);
  }

  /** Each record with the header of its block. */
  static List<RecordAndBlock> entries(List<BlockHeader> headers, List<Record> records) {
    return index(headers, records);
  }

  private static List<RecordAndBlock> index(List<BlockHeader> headers, List<Record> records) {
    Map<BlockRef, BlockHeader> blocks = new HashMap<>();
    for (BlockHeader h : headers) {
      if (blocks.put(new BlockRef(h.minerId(), h.no()), h) != null) {
        throw new IllegalArgumentException(
            "header of block " + h.no() + " of " + h.minerId() + " given twice");
      }
    }
    List<RecordAndBlock> out = new ArrayList<>(records.size());
    for (Record r : records) {
      BlockHeader h = blocks.get(new BlockRef(r.recorder(), r.blockNo()));
      if (h == null) {
        throw new IllegalArgumentException(
            "record " + r.txId() + " comes without the header of its block " + r.blockNo());
      }
      out.add(new RecordAndBlock(r, h));
    }
    return out;
  }

  /** The distinct headers of {@code entries}, in order of first use. */
  static List<BlockHeader> headersOf(List<RecordAndBlock> entries) {
    Map<BlockRef, BlockHeader> out = new LinkedHashMap<>();
    for (RecordAndBlock e : entries) {
      out.putIfAbsent(new BlockRef(e.block().minerId(), e.block().no()), e.block());
    }
    return List.copyOf(out.values());
  }

  static List<Record> recordsOf(List<RecordAndBlock> entries) {
    List<Record> out = new ArrayList<>(entries.size());
    for (RecordAndBlock e : entries) {
      out.add(e.record());
    }
    return out;
  }
}
