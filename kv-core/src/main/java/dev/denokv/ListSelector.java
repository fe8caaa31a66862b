package dev.denokv;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import org.jspecify.annotations.Nullable;

/**
 * Which keys {@link KvTemplate#list} visits, as in Deno's {@code KvListSelector}: every key under a
 * prefix (the prefix itself excluded), optionally starting at or ending before a key inside it, or
 * every key in [start, end).
 */
public record ListSelector(@Nullable KvKey prefix, @Nullable KvKey start, @Nullable KvKey end) {

  public ListSelector {
    if (prefix != null && start != null && end != null) {
      throw new KvInvalidArgumentException(
          "Selector can not specify both 'start' and 'end' key when specifying 'prefix'");
    }
    if (prefix == null && (start == null || end == null)) {
      throw new KvInvalidArgumentException(
          "Selector must specify either 'prefix' or both 'start' and 'end' key");
    }
  }

  /** Every key strictly under {@code prefix}; {@code KvKey.EMPTY} lists the whole database. */
  public static ListSelector prefix(KvKey prefix) {
    return new ListSelector(prefix, null, null);
  }

  /** Keys under {@code prefix} from {@code start} (inclusive). */
  public static ListSelector prefix(KvKey prefix, KvKey start) {
    return new ListSelector(prefix, start, null);
  }

  /** Keys under {@code prefix} before {@code end} (exclusive). */
  public static ListSelector prefixUntil(KvKey prefix, KvKey end) {
    return new ListSelector(prefix, null, end);
  }

  /** Keys in [{@code start}, {@code end}). */
  public static ListSelector range(KvKey start, KvKey end) {
    return new ListSelector(null, start, end);
  }
}
