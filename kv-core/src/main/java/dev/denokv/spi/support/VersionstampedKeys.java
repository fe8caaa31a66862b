package dev.denokv.spi.support;

import dev.denokv.Versionstamp;
import java.nio.charset.StandardCharsets;

/** The keys a {@code SET_SUFFIX_VERSIONSTAMPED_KEY} mutation writes, as Deno forms them. */
public final class VersionstampedKeys {

  private VersionstampedKeys() {}

  /**
   * The encoded {@code key} followed by one more key part: the string of the 20 hex digits of
   * {@code versionstamp}.
   */
  public static byte[] suffixed(byte[] key, Versionstamp versionstamp) {
    byte[] hex = versionstamp.toHex().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[key.length + 2 + hex.length];
    System.arraycopy(key, 0, out, 0, key.length);
    out[key.length] = 0x02;
    System.arraycopy(hex, 0, out, key.length + 1, hex.length);
    out[out.length - 1] = 0x00;
    return out;
  }
}
