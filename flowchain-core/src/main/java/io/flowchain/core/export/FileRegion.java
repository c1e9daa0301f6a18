package io.flowchain.core.export;

import io.flowchain.core.codec.MalformedEncodingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads that fail clearly on a file that ends too soon. */
public final class FileRegion {
  private FileRegion() {}

  /** Reads exactly {@code n} bytes at {@code pos}. */
  public static byte[] read(FileChannel channel, long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (channel.read(buf, pos + buf.position()) < 0) {
        throw new MalformedEncodingException("the file is truncated at offset " + pos);
      }
    }
    return buf.array();
  }
}
