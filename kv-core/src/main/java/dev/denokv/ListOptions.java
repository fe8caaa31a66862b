package dev.denokv;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link KvTemplate#list}, as in Deno's {@code KvListOptions}. Immutable; the
 * {@code with…} methods return modified copies.
 *
 * @param limit the most entries to return, or null for all
 * @param reverse whether to list in descending key order
 * @param cursor where a previous listing stopped ({@link KvList#cursor()}); null or empty to start
 *     at the beginning
 * @param batchSize entries fetched per round trip, or null for Deno's default
 * @param consistency the read consistency, or null for the template's default
 */
public record ListOptions(
    @Nullable Integer limit,
    boolean reverse,
    @Nullable String cursor,
    @Nullable Integer batchSize,
    @Nullable Consistency consistency) {

  /** No limit, ascending, from the start, default batch size and consistency. */
  public static ListOptions defaults() {
    return new ListOptions(null, false, null, null, null);
  }

  public ListOptions withLimit(int limit) {
    return new ListOptions(limit, reverse, cursor, batchSize, consistency);
  }

  public ListOptions withReverse(boolean reverse) {
    return new ListOptions(limit, reverse, cursor, batchSize, consistency);
  }

  public ListOptions withCursor(@Nullable String cursor) {
    return new ListOptions(limit, reverse, cursor, batchSize, consistency);
  }

  public ListOptions withBatchSize(int batchSize) {
    return new ListOptions(limit, reverse, cursor, batchSize, consistency);
  }

  public ListOptions withConsistency(Consistency consistency) {
    return new ListOptions(limit, reverse, cursor, batchSize, consistency);
  }
}
