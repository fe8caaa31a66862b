package dev.denokv.server;

import dev.denokv.proto.internal.ProtoMapper;
import dev.denokv.spi.WatchKeyOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a watch response: a u32 little-endian length, then the {@code WatchOutput} bytes;
 * a zero length is a keep-alive.
 */
final class WatchFrames {

  /** The keep-alive frame. Never modified. */
  static final byte[] KEEP_ALIVE = new byte[4];

  private WatchFrames() {}

  /** The frame of one emission. */
  static byte[] frame(List<WatchKeyOutput> keys) {
    byte[] message = ProtoMapper.toProtoWatchOutput(keys).toByteArray();
    byte[] frame = new byte[4 + message.length];
    int n = message.length;
    frame[0] = (byte) n;
    frame[1] = (byte) (n >>> 8);
    frame[2] = (byte) (n >>> 16);
    frame[3] = (byte) (n >>> 24);
    System.arraycopy(message, 0, frame, 4, n);
    return frame;
  }

  /**
   * One emission standing for {@code earlier} followed by {@code later}, for a client that has
   * seen neither: each key carries its latest change, and counts as changed if either did.
   */
  static List<WatchKeyOutput> merge(List<WatchKeyOutput> earlier, List<WatchKeyOutput> later) {
    List<WatchKeyOutput> merged = new ArrayList<>(later.size());
    for (int i = 0; i < later.size(); i++) {
      merged.add(later.get(i).changed() ? later.get(i) : earlier.get(i));
    }
    return List.copyOf(merged);
  }
}
