package io.flowchain.core.inventory;

import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.CanonicalWriter;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.crypto.NodePublicKey;
import io.flowchain.core.crypto.Signature;
import io.flowchain.core.export.BranchExport;
import io.flowchain.core.export.ExportedBranch;
import io.flowchain.core.export.FileRegion;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.verify.BranchSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inventory file: a merged chain together with every branch it was merged from, so that it can
 * be audited offline with nothing else (docs/protocol.md §10). Written to a temporary file and
 * moved into place, so a crash never leaves half a file under the final name.
 */
public final class InventoryFile implements AutoCloseable {
  static final byte[] MAGIC = "FCMERGED".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private final FileChannel channel;
  private final MergedChain chain;
  private final List<ExportedBranch> branches;

  private InventoryFile(FileChannel channel, MergedChain chain, List<ExportedBranch> branches) {
    this.channel = channel;
    this.chain = chain;
    this.branches = branches;
  }

  public MergedChain chain() {
    return chain;
  }

  /** The embedded branches, readable while this file is open. */
  public List<ExportedBranch> branches() {
    return branches;
  }

  public static void write(Path file, MergedChain chain, List<? extends BranchSource> branches)
      throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out =
        Files.newOutputStream(
            tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      CanonicalWriter head =
          new CanonicalWriter()
              .raw(MAGIC)
              .u8(VERSION)
              .bytes(chain.params().canonicalBytes())
              .u32(branches.size());
      out.write(head.toByteArray());
      for (BranchSource b : branches) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        BranchExport.write(chain.params(), b, buf, no -> {});
        out.write(new CanonicalWriter(8).i64(buf.size()).toByteArray());
        buf.writeTo(out);
      }
      out.write(new CanonicalWriter(8).i64(chain.blocks().size()).toByteArray());
      for (MergedBlock m : chain.blocks()) {
        out.write(m.toBytes());
      }
      out.write(
          new CanonicalWriter(96).fixed(chain.admin()).fixed(chain.signature()).toByteArray());
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Opens and parses an inventory file (the branches' records are read on demand). */
  public static InventoryFile open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long pos = 0;
      byte[] magic = read(ch, pos, MAGIC.length);
      pos += MAGIC.length;
      if (!Arrays.equals(magic, MAGIC)) {
        throw new MalformedEncodingException("not a Flowchain inventory file (bad magic)");
      }
      int version = read(ch, pos++, 1)[0] & 0xff;
      if (version != VERSION) {
        throw new MalformedEncodingException("unsupported inventory file version " + version);
      }
      int paramsLen = (int) new CanonicalReader(read(ch, pos, 4)).u32();
      NetworkParams params = NetworkParams.parse(read(ch, pos + 4, paramsLen));
      pos += 4 + paramsLen;
      long count = new CanonicalReader(read(ch, pos, 4)).u32();
      pos += 4;
      List<ExportedBranch> branches = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        long len = new CanonicalReader(read(ch, pos, 8)).i64();
        if (len < 0 || len > ch.size() - pos - 8) {
          throw new MalformedEncodingException("branch " + i + " runs past the end of the file");
        }
        ExportedBranch b = ExportedBranch.open(ch, pos + 8, len);
        if (!Arrays.equals(b.params().canonicalBytes(), params.canonicalBytes())) {
          throw new MalformedEncodingException("branch " + i + " belongs to another network");
        }
        branches.add(b);
        pos += 8 + len;
      }
      long n = new CanonicalReader(read(ch, pos, 8)).i64();
      pos += 8;
      if (n < 0 || n > (ch.size() - pos) / MergedBlock.SIZE) {
        throw new MalformedEncodingException("bad merged block count " + n);
      }
      List<MergedBlock> blocks = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        blocks.add(MergedBlock.parse(read(ch, pos, MergedBlock.SIZE)));
        pos += MergedBlock.SIZE;
      }
      CanonicalReader tail = new CanonicalReader(read(ch, pos, 96));
      NodePublicKey admin = NodePublicKey.of(tail.raw(32));
      Signature sig = Signature.of(tail.raw(64));
      if (pos + 96 != ch.size()) {
        throw new MalformedEncodingException(
            (ch.size() - pos - 96) + " unexpected bytes at the end of the inventory file");
      }
      return new InventoryFile(ch, new MergedChain(params, blocks, admin, sig), branches);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static byte[] read(FileChannel ch, long pos, int n) throws IOException {
    return FileRegion.read(ch, pos, n);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
