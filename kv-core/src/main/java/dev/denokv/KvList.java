package dev.denokv;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.key.KeyCodec;
import dev.denokv.key.KvKey;
import dev.denokv.spi.Database;
import dev.denokv.spi.RawEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy result of {@link KvTemplate#list}, like Deno's {@code KvListIterator}: entries are
 * fetched in batches as iteration proceeds, and {@link #cursor()} tells where to resume. Single
 * use; not thread-safe.
 */
public final class KvList<T> implements Iterable<KvEntry<T>> {

  private final ListPager<RawEntry> pager;
  private final EntryDecoder decoder;
  private final Class<T> type;
  /** The selector's prefix, whose parts every listed key shares, or the empty key. */
  private final KvKey prefix;
  private boolean iteratorTaken;

  KvList(Database database, ListPager.Reader<RawEntry> reader, EntryDecoder decoder, Class<T> type,
      ListSelector selector, ListOptions options, Consistency consistency) {
    this.pager = new ListPager<>(database, reader, RawEntry::key, selector, options, consistency);
    this.decoder = decoder;
    this.type = type;
    this.prefix = selector.prefix() != null ? selector.prefix() : KvKey.EMPTY;
  }

  /**
   * Where to continue, as Deno's {@code KvListIterator.cursor}: after the last entry returned (also
   * when the limit stopped the iteration), an empty string once the iteration found the range
   * exhausted, and the starting cursor before the first entry. Pass it to
   * {@link ListOptions#withCursor} to continue; an empty cursor means the listing is complete.
   *
   * @throws dev.denokv.error.KvIllegalStateException before the first iteration of a listing without a starting cursor
   */
  public String cursor() {
    return pager.cursor();
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
        return pager.hasNext();
      }

      @Override
      public KvEntry<T> next() {
        RawEntry raw = pager.next();
        return decoder.decode(KeyCodec.decode(prefix, raw.key()), raw, type);
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
}
