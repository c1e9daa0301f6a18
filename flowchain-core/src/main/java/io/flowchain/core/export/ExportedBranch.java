package io.flowchain.core.export;

import io.flowchain.core.approval.ApprovalReceipt;
import io.flowchain.core.codec.CanonicalReader;
import io.flowchain.core.codec.MalformedEncodingException;
import io.flowchain.core.ledger.BlockHeader;
import io.flowchain.core.ledger.InvalidReason;
import io.flowchain.core.ledger.NetworkParams;
import io.flowchain.core.ledger.Record;
import io.flowchain.core.verify.BranchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A branch export read back from a file (or from a region of one). Opening it scans the file once:
 * it checks the magic, the version and the trailing SHA-256, and keeps the headers, labels and the
 * file offset of each block's records in memory; records are read on demand. Not thread-safe.
 */
public final class ExportedBranch implements BranchSource, AutoCloseable {
  private final FileChannel channel;
  private final boolean ownsChannel;
  private final NetworkParams params;
  private final List<BlockHeader> headers = new ArrayList<>();
  private final List<InvalidReason> labels = new ArrayList<>();
  private final List<long[]> recordSections = new ArrayList<>(); // {offset, count}
  private long approvalsOffset;
  private long approvalCount;

  private ExportedBranch(FileChannel channel, boolean owns, long offset, long length)
      throws IOException {
    this.channel = channel;
    this.ownsChannel = owns;
    Scanner s = new Scanner(channel, offset, length - 32);
    byte[] magic = s.read(BranchExport.MAGIC.length);
    if (!Arrays.equals(magic, BranchExport.MAGIC)) {
      throw new MalformedEncodingException("not a Flowchain branch export (bad magic)");
    }
    int version = s.read(1)[0] & 0xff;
    if (version != BranchExport.VERSION && version != BranchExport.VERSION_WITHOUT_APPROVALS) {
      throw new MalformedEncodingException("unsupported branch export version " + version);
    }
    params = NetworkParams.parse(s.read(s.u32()));
    long height = new CanonicalReader(s.read(8)).i64();
    if (height < 0 || height > Integer.MAX_VALUE) {
      throw new MalformedEncodingException("bad branch height " + height);
    }
    for (long no = 0; no <= height; no++) {
      headers.add(BlockHeader.parse(s.read(BlockHeader.SIZE)));
      int label = s.read(1)[0] & 0xff;
      labels.add(label == 0 ? null : InvalidReason.ofCode(label));
      long count = s.u32();
      recordSections.add(new long[] {s.position(), count});
      for (long i = 0; i < count; i++) {
        s.skip(s.u32());
      }
    }
    if (version >= BranchExport.VERSION) {
      approvalCount = s.u32();
      approvalsOffset = s.position();
      for (long i = 0; i < approvalCount; i++) {
        s.skip(s.u32());
      }
    }
    if (s.position() != offset + length - 32) {
      throw new MalformedEncodingException(
          "branch export has " + (offset + length - 32 - s.position()) + " unexpected bytes");
    }
    byte[] expected = s.digest();
    byte[] stored = readAt(offset + length - 32, 32);
    if (!Arrays.equals(expected, stored)) {
      throw new MalformedEncodingException(
          "branch export checksum does not match: the file is truncated or altered");
    }
  }

  /** Opens an export file. */
  public static ExportedBranch open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new ExportedBranch(ch, true, 0, ch.size());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Reads an export embedded at {@code [offset, offset + length)} of {@code channel}. */
  public static ExportedBranch open(FileChannel channel, long offset, long length)
      throws IOException {
    return new ExportedBranch(channel, false, offset, length);
  }

  public NetworkParams params() {
    return params;
  }

  @Override
  public long height() {
    return headers.size() - 1;
  }

  @Override
  public BlockHeader header(long no) {
    return headers.get(Math.toIntExact(no));
  }

  @Override
  public List<Record> records(long no) {
    long[] section = recordSections.get(Math.toIntExact(no));
    List<Record> out = new ArrayList<>((int) section[1]);
    long pos = section[0];
    try {
      for (long i = 0; i < section[1]; i++) {
        int len = (int) new CanonicalReader(readAt(pos, 4)).u32();
        out.add(Record.parse(readAt(pos + 4, len)));
        pos += 4 + len;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public List<ApprovalReceipt> approvals() {
    List<ApprovalReceipt> out = new ArrayList<>((int) Math.min(approvalCount, 1 << 16));
    long pos = approvalsOffset;
    try {
      for (long i = 0; i < approvalCount; i++) {
        int len = (int) new CanonicalReader(readAt(pos, 4)).u32();
        out.add(ApprovalReceipt.parse(readAt(pos + 4, len)));
        pos += 4 + len;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public Optional<InvalidReason> invalidLabel(long no) {
    return Optional.ofNullable(labels.get(Math.toIntExact(no)));
  }

  private byte[] readAt(long pos, int n) throws IOException {
    return FileRegion.read(channel, pos, n);
  }

  @Override
  public void close() throws IOException {
    if (ownsChannel) {
      channel.close();
    }
  }

  /** Sequential reads over a region, hashing everything read or skipped. */
  private static final class Scanner {
    private final FileChannel ch;
    private final long end;
    private final MessageDigest sha;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long pos;

    Scanner(FileChannel ch, long offset, long end) throws IOException {
      this.ch = ch;
      this.pos = offset;
      this.end = offset + Math.max(0, end);
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    long position() {
      return pos;
    }

    byte[] read(long n) throws IOException {
      if (n < 0 || n > end - pos || n > Integer.MAX_VALUE) {
        throw new MalformedEncodingException("branch export is truncated at offset " + pos);
      }
      ByteBuffer b = ByteBuffer.allocate((int) n);
      while (b.hasRemaining()) {
        if (ch.read(b, pos + b.position()) < 0) {
          throw new MalformedEncodingException("branch export is truncated at offset " + pos);
        }
      }
      pos += n;
      sha.update(b.array());
      return b.array();
    }

    long u32() throws IOException {
      return new CanonicalReader(read(4)).u32();
    }

    void skip(long n) throws IOException {
      if (n > end - pos) {
        throw new MalformedEncodingException("branch export is truncated at offset " + pos);
      }
      long left = n;
      while (left > 0) {
        buf.clear().limit((int) Math.min(buf.capacity(), left));
        int got = ch.read(buf, pos);
        if (got < 0) {
          throw new MalformedEncodingException("branch export is truncated at offset " + pos);
        }
        sha.update(buf.array(), 0, got);
        pos += got;
        left -= got;
      }
    }

    byte[] digest() {
      return sha.digest();
    }
  }
}
