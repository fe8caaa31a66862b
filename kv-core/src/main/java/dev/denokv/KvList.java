package dev.denokv;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.spi.Database;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The lazy result of {@link KvTemplate#list}, like Deno's {@code KvListIterator}: entries are
 * fetched in batches as iteration proceeds, and {@link #cursor()} tells where to resume. Single
 * use; not thread-safe.
 */
public final class KvList<T> implements Iterable<KvEntry<T>> {

  private static final int DEFAULT_BATCH_SIZE = 100;
  private static final int MAX_DEFAULT_BATCH_SIZE = 500;

  private final Database database;
  private final EntryDecoder decoder;
  private final Class<T> type;
  private final KeyRange range;
  private final boolean reverse;
  private final @Nullable Integer limit;
  private final int batchSize;
  private final Consistency consistency;
  private final Deque<RawEntry> buffer = new ArrayDeque<>();
  /** The last key read so far (or the starting cursor's key): the next batch starts after it. */
  private byte @Nullable [] resumeAfter;
  private final @Nullable String startCursor;
  private byte @Nullable [] lastReturnedKey;
  private int returned;
  /** No more rows in the range (as opposed to the limit being reached). */
  private boolean exhausted;
  /** An iteration found no entry left in the range: the cursor is then empty, as in Deno. */
  private boolean ranOut;
  private boolean iteratorTaken;

  KvList(Database database, EntryDecoder decoder, Class<T> type, ListSelector selector, ListOptions options,
      Consistency consistency) {
    this.database = database;
    this.decoder = decoder;
    this.type = type;
    this.range = KeyRange.of(selector);
    this.reverse = options.reverse();
    this.limit = options.limit() == null ? null : KvLimits.checkLimit(options.limit());
    this.batchSize = options.batchSize() != null
        ? KvLimits.checkBatchSize(options.batchSize())
        : Math.min(limit != null ? limit : DEFAULT_BATCH_SIZE, MAX_DEFAULT_BATCH_SIZE);
    this.consistency = consistency;
    // An empty cursor, which a finished listing hands out, starts from the beginning, as in Deno.
    this.startCursor = options.cursor() == null || options.cursor().isEmpty() ? null : options.cursor();
    // Resolved here, so that a bad cursor fails at once, not at the first hasNext().
    this.resumeAfter = startCursor == null ? null : range.cursorKey(startCursor, reverse);
    KvLimits.checkReadKey(range.start(resumeAfter, reverse));
    KvLimits.checkReadKey(range.end(resumeAfter, reverse));
  }

  /**
   * Where to continue, as Deno's {@code KvListIterator.cursor}: after the last entry returned (also
   * when the limit stopped the iteration), an empty string once the iteration found the range
   * exhausted, and the starting cursor before the first entry. Pass it to
   * {@link ListOptions#withCursor} to continue; an empty cursor means the listing is complete.
   *
   * @throws IllegalStateException before the first iteration of a listing without a starting cursor
   */
  public String cursor() {
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

  @Override
  public Iterator<KvEntry<T>> iterator() {
    if (iteratorTaken) {
      throw new KvIllegalStateException("A KvList can be iterated only once");
    }
    iteratorTaken = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return KvList.this.hasNext();
      }

      @Override
      public KvEntry<T> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        RawEntry raw = buffer.removeFirst();
        returned++;
        lastReturnedKey = raw.key();
        return decoder.decode(raw, type);
      }
    };
  }

  /** The entries as a sequential stream. */
  public Stream<KvEntry<T>> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
  }

  /** Reads every remaining entry into a list. */
  public List<KvEntry<T>> toList() {
    List<KvEntry<T>> out = new ArrayList<>();
    iterator().forEachRemaining(out::add);
    return out;
  }

  private boolean hasNext() {
    if (buffer.isEmpty() && !exhausted) {
      fetch();
    }
    if (buffer.isEmpty() && !limitReached()) {
      ranOut = true;
    }
    return !buffer.isEmpty();
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
    List<RawEntry> rows = database.snapshotRead(List.of(read), consistency).get(0);
    if (rows.size() < want) {
      exhausted = true;
    }
    if (!rows.isEmpty()) {
      resumeAfter = rows.get(rows.size() - 1).key();
    }
    buffer.addAll(rows);
  }
}
