package dev.denokv.remote;

import dev.denokv.error.KvCodecException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the frames of a watch stream: a 32-bit little-endian length, then that many bytes. A
 * zero-length frame is a keep-alive. Frames longer than the cap are refused.
 */
final class FrameReader {

  /** The largest frame accepted: 16 MiB. */
  static final int MAX_FRAME = 16 * 1024 * 1024;

  private final InputStream in;

  FrameReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next frame's bytes (empty for a keep-alive), or null when the stream ended cleanly between
   * frames.
   *
   * @throws EOFException if the stream ends inside a frame
   */
  byte @Nullable [] next() throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    byte[] rest = in.readNBytes(3);
    if (rest.length < 3) {
      throw new EOFException("The watch stream ended inside a frame length");
    }
    long length =
        (b0 & 0xFFL) | (rest[0] & 0xFFL) << 8 | (rest[1] & 0xFFL) << 16 | (rest[2] & 0xFFL) << 24;
    if (length > MAX_FRAME) {
      throw new KvCodecException(
          "A watch frame of " + length + " bytes exceeds the limit of " + MAX_FRAME + " bytes");
    }
    byte[] frame = in.readNBytes((int) length);
    if (frame.length < length) {
      throw new EOFException(
          "The watch stream ended inside a frame (" + frame.length + " of " + length + " bytes)");
    }
    return frame;
  }
}
