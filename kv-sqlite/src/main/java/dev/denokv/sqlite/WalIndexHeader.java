package dev.denokv.sqlite;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of the header of a WAL database's shared-memory index ({@code <file>-shm}),
 * whose layout SQLite keeps stable across versions so that processes of different versions can
 * share a database: the last committed frame ({@code mxFrame}, offset 16) and the frames already
 * copied back into the database ({@code nBackfill}, offset 96), in the machine's byte order.
 * Reading them costs two memory loads.
 */
final class WalIndexHeader implements AutoCloseable {

  private static final int MX_FRAME = 16;
  private static final int N_BACKFILL = 96;
  private static final int MAPPED = 136;

  private final FileChannel channel;
  private final MappedByteBuffer header;

  private WalIndexHeader(FileChannel channel, MappedByteBuffer header) {
    this.channel = channel;
    this.header = header;
  }

  /** Maps the index of the WAL database {@code file}, or null when it has none to map. */
  static @Nullable WalIndexHeader open(Path file) {
    Path shm = Path.of(file + "-shm");
    try {
      FileChannel channel = FileChannel.open(shm, StandardOpenOption.READ);
      try {
        if (channel.size() < MAPPED) {
          channel.close();
          return null;
        }
        MappedByteBuffer header = channel.map(FileChannel.MapMode.READ_ONLY, 0, MAPPED);
        header.order(ByteOrder.nativeOrder());
        return new WalIndexHeader(channel, header);
      } catch (IOException | RuntimeException e) {
        channel.close();
        return null;
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** The number of frames in the WAL that belong to committed transactions. */
  int lastFrame() {
    return header.getInt(MX_FRAME);
  }

  /** The number of those frames already copied back into the database file. */
  int backfilled() {
    return header.getInt(N_BACKFILL);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the mapping stays valid until collected; nothing to release here
    }
  }
}
