package dev.denokv;

import dev.denokv.error.KvIllegalStateException;
import dev.denokv.key.KvKey;
import dev.denokv.spi.Database;
import dev.denokv.spi.RawKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy result of {@link KvTemplate#listKeys}: the keys (with their versionstamps) a listing
 * selects, without their values, fetched in batches as iteration proceeds. Limits, batch sizes and
 * cursors behave exactly as those of {@link KvList}, and the cursors of both are interchangeable.
 * Single use; not thread-safe.
 */
public final class KvKeyList implements Iterable<KvKeyList.Key> {

  /** A listed key and the versionstamp of the write that set its entry. */
  public record Key(KvKey key, Versionstamp versionstamp) {}

  private final ListPager<RawKey> pager;
  private boolean iteratorTaken;

  KvKeyList(Database database, ListSelector selector, ListOptions options, Consistency consistency) {
    this.pager = new ListPager<>(database, (range, c) -> database.snapshotReadKeys(List.of(range), c).get(0),
        RawKey::key, selector, options, consistency);
  }

  /** Where to continue, as {@link KvList#cursor()}. */
  public String cursor() {
    return pager.cursor();
  }

  @Override
  public Iterator<Key> iterator() {
    if (iteratorTaken) {
      throw new KvIllegalStateException("A KvKeyList can be iterated only once");
    }
    iteratorTaken = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pager.hasNext();
      }

      @Override
      public Key next() {
        RawKey raw = pager.next();
        return new Key(KvKey.decode(raw.key()), raw.versionstamp());
      }
    };
  }

  /** The keys as a sequential stream. */
  public Stream<Key> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
  }

  /** Reads every remaining key into a list. */
  public List<KvKey> toList() {
    List<KvKey> out = new ArrayList<>();
    iterator().forEachRemaining(k -> out.add(k.key()));
    return out;
  }
}
