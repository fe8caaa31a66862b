package dev.denokv;

import dev.denokv.spi.Consistency;
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
  private boolean exhausted;
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
    this.startCursor = options.cursor();
    // Resolved here, so that a bad cursor fails at once, not at the first hasNext().
    this.resumeAfter = startCursor == null ? null : range.cursorKey(startCursor, reverse);
  }

  /**
   * The cursor after the last entry returned so far (the starting cursor, or an empty string, when
   * none has been returned). Pass it to {@link ListOptions#withCursor} to continue.
   */
  public String cursor() {
    if (lastReturnedKey != null) {
      return range.cursorAfter(lastReturnedKey);
    }
    return startCursor == null ? "" : startCursor;
  }

  @Override
  public Iterator<KvEntry<T>> iterator() {
    if (iteratorTaken) {
      throw new IllegalStateException("A KvList can be iterated only once");
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
    return !buffer.isEmpty();
  }

  private void fetch() {
    int want = batchSize;
    if (limit != null) {
      want = Math.min(want, limit - returned);
    }
    if (want <= 0) {
      exhausted = true;
      return;
    }
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
