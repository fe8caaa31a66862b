package dev.denokv;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.spi.Database;
import dev.denokv.spi.ReadRange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The paging behind {@link KvList} and {@link KvKeyList}: reads a selector's range in batches,
 * counts against the limit and keeps Deno's cursor. {@code R} is what one read returns per entry.
 */
final class ListPager<R> {

  /** Reads one range of a snapshot. */
  interface Reader<R> {
    List<R> read(ReadRange range, Consistency consistency);
  }

  private static final int DEFAULT_BATCH_SIZE = 100;
  private static final int MAX_DEFAULT_BATCH_SIZE = 500;

  private final Reader<R> reader;
  private final Function<R, byte[]> keyOf;
  private final KeyRange range;
  private final boolean reverse;
  private final @Nullable Integer limit;
  private final int batchSize;
  private final Consistency consistency;
  private final Deque<R> buffer = new ArrayDeque<>();
  /** The last key read so far (or the starting cursor's key): the next batch starts after it. */
  private byte @Nullable [] resumeAfter;
  private final @Nullable String startCursor;
  private byte @Nullable [] lastReturnedKey;
  private int returned;
  /** No more rows in the range (as opposed to the limit being reached). */
  private boolean exhausted;
  /** An iteration found no entry left in the range: the cursor is then empty, as in Deno. */
  private boolean ranOut;

  ListPager(Database database, Reader<R> reader, Function<R, byte[]> keyOf, ListSelector selector,
      ListOptions options, Consistency consistency) {
    this.reader = reader;
    this.keyOf = keyOf;
    this.range = KeyRange.of(selector);
    this.reverse = options.reverse();
    this.limit = options.limit() == null ? null : KvLimits.checkLimit(options.limit());
    this.batchSize = options.batchSize() != null
        ? KvLimits.checkBatchSize(database.limits(), options.batchSize())
        : Math.min(limit != null ? limit : DEFAULT_BATCH_SIZE, MAX_DEFAULT_BATCH_SIZE);
    this.consistency = consistency;
    // An empty cursor, which a finished listing hands out, starts from the beginning, as in Deno.
    this.startCursor = options.cursor() == null || options.cursor().isEmpty() ? null : options.cursor();
    // Resolved here, so that a bad cursor fails at once, not at the first hasNext().
    this.resumeAfter = startCursor == null ? null : range.cursorKey(startCursor, reverse);
    KvLimits.checkReadKey(database.limits(), range.start(resumeAfter, reverse));
    KvLimits.checkReadKey(database.limits(), range.end(resumeAfter, reverse));
  }

  String cursor() {
    if (ranOut) {
      return "";
    }
    if (lastReturnedKey != null) {
      return range.cursorAfter(lastReturnedKey);
    }
    if (startCursor == null) {
      throw new KvIllegalStateException("Cannot get cursor before first iteration");
    }
    return startCursor;
  }

  boolean hasNext() {
    if (buffer.isEmpty() && !exhausted) {
      fetch();
    }
    if (buffer.isEmpty() && !limitReached()) {
      ranOut = true;
    }
    return !buffer.isEmpty();
  }

  R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    R raw = buffer.removeFirst();
    returned++;
    lastReturnedKey = keyOf.apply(raw);
    return raw;
  }

  private boolean limitReached() {
    return limit != null && returned >= limit;
  }

  private void fetch() {
    if (limitReached()) {
      exhausted = true;
      return;
    }
    int want = limit == null ? batchSize : Math.min(batchSize, limit - returned);
    ReadRange read = new ReadRange(range.start(resumeAfter, reverse), range.end(resumeAfter, reverse), want, reverse);
    List<R> rows = reader.read(read, consistency);
    if (rows.size() < want) {
      exhausted = true;
    }
    if (!rows.isEmpty()) {
      resumeAfter = keyOf.apply(rows.get(rows.size() - 1));
    }
    buffer.addAll(rows);
  }
}
