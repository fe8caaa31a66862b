package dev.denokv;

/**
 * Options of {@link KvTemplate#watch(java.util.List, Class, WatchOptions, java.util.function.Consumer,
 * java.util.function.Consumer)}, as in Deno's {@code watch} options.
 *
 * @param raw emit on every change the backend reports for a watched key, even one that leaves
 *     every versionstamp as it was (such as deleting an absent key); by default, as in Deno, only
 *     emissions in which a versionstamp moved reach the callback
 */
public record WatchOptions(boolean raw) {

  /** Emissions only when a versionstamp moved. */
  public static WatchOptions defaults() {
    return new WatchOptions(false);
  }

  public WatchOptions withRaw(boolean raw) {
    return new WatchOptions(raw);
  }
}
