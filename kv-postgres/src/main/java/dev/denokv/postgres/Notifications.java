package dev.denokv.postgres;

import dev.denokv.Versionstamp;
import dev.denokv.spi.support.KeyWrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payload of a change notification: comma-separated keys in hex, each written key followed by
 * {@code :} and the version of the commit that wrote it (keys without a version were deleted on
 * expiry); or {@code *} (everything may have changed) when they do not fit in one notification.
 */
final class Notifications {

  /** PostgreSQL refuses payloads of 8000 bytes and more. */
  private static final int MAX_PAYLOAD = 7900;
  static final String EVERYTHING = "*";

  /** What one notification reported: keys written by commits, and keys deleted on expiry. */
  record Changes(List<KeyWrite> written, List<byte[]> expired) {}

  private Notifications() {}

  static String writesPayload(Collection<KeyWrite> writes) {
    StringBuilder sb = new StringBuilder();
    for (KeyWrite w : writes) {
      if (!append(sb, w.key(), Long.toHexString(w.versionstamp().version()))) {
        return EVERYTHING;
      }
    }
    return sb.toString();
  }

  static String expiredPayload(Collection<byte[]> keys) {
    StringBuilder sb = new StringBuilder();
    for (byte[] key : keys) {
      if (!append(sb, key, null)) {
        return EVERYTHING;
      }
    }
    return sb.toString();
  }

  private static boolean append(StringBuilder sb, byte[] key, @Nullable String version) {
    int length = 2 * key.length + 1 + (version == null ? 0 : version.length() + 1);
    if (sb.length() + length > MAX_PAYLOAD) {
      return false;
    }
    if (!sb.isEmpty()) {
      sb.append(',');
    }
    HexFormat.of().formatHex(sb, key);
    if (version != null) {
      sb.append(':').append(version);
    }
    return true;
  }

  /** The changes of a payload, or null for {@link #EVERYTHING}. */
  static @Nullable Changes parse(String payload) {
    if (payload.equals(EVERYTHING)) {
      return null;
    }
    List<KeyWrite> written = new ArrayList<>();
    List<byte[]> expired = new ArrayList<>();
    if (!payload.isEmpty()) {
      HexFormat hex = HexFormat.of();
      for (String part : payload.split(",")) {
        int colon = part.indexOf(':');
        if (colon < 0) {
          expired.add(hex.parseHex(part));
        } else {
          written.add(new KeyWrite(hex.parseHex(part, 0, colon),
              Versionstamp.ofVersion(Long.parseUnsignedLong(part.substring(colon + 1), 16))));
        }
      }
    }
    return new Changes(written, expired);
  }
}
