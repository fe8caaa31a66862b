package dev.denokv.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The payload of a change notification: the changed keys in hex, comma-separated, or {@code *}
 * (everything may have changed) when they do not fit in one notification.
 */
final class Notifications {

  /** PostgreSQL refuses payloads of 8000 bytes and more. */
  private static final int MAX_PAYLOAD = 7900;
  static final String EVERYTHING = "*";

  private Notifications() {}

  static String keysPayload(Collection<byte[]> keys) {
    StringBuilder sb = new StringBuilder();
    HexFormat hex = HexFormat.of();
    for (byte[] key : keys) {
      if (sb.length() + 2 * key.length + 1 > MAX_PAYLOAD) {
        return EVERYTHING;
      }
      if (!sb.isEmpty()) {
        sb.append(',');
      }
      sb.append(hex.formatHex(key));
    }
    return sb.toString();
  }

  /** The keys of a payload, or null for {@link #EVERYTHING}. */
  static @Nullable List<byte[]> parseKeys(String payload) {
    if (payload.equals(EVERYTHING)) {
      return null;
    }
    List<byte[]> keys = new ArrayList<>();
    if (payload.isEmpty()) {
      return keys;
    }
    HexFormat hex = HexFormat.of();
    for (String part : payload.split(",")) {
      keys.add(hex.parseHex(part));
    }
    return keys;
  }
}
