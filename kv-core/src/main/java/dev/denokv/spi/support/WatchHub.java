package dev.denokv.spi.support;

import dev.denokv.Versionstamp;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Per-key watch subscriptions. A change to a key schedules a re-read for the subscriptions on
 * that key only; each subscription re-reads its keys and emits when a versionstamp moved or one of
 * its keys was written by a commit it has not accounted for yet (even without effect, such as
 * deleting an absent key: raw watches see those, as in Deno; the API layer drops them from the
 * others). A commit reported twice (by the committing instance and again by a change
 * notification) or reported after the subscription already read its result is accounted for
 * once. Re-reads of one subscription never overlap, and requests arriving during one are folded
 * into a single follow-up, so rapid writes coalesce into an emission of the latest state.
 */
public final class WatchHub implements AutoCloseable {

  private final Map<ByteBuffer, Set<Subscription>> byKey = new ConcurrentHashMap<>();
  private final Set<Subscription> all = ConcurrentHashMap.newKeySet();
  private final Function<List<byte[]>, List<@Nullable RawEntry>> reader;
  private final ExecutorService executor;

  /**
   * @param reader reads the current live entries of the given keys in one snapshot
   * @param executor runs the re-reads and the listener calls
   */
  public WatchHub(Function<List<byte[]>, List<@Nullable RawEntry>> reader, ExecutorService executor) {
    this.reader = reader;
    this.executor = executor;
  }

  public WatchSubscription subscribe(List<byte[]> keys, WatchListener listener) {
    Subscription sub = new Subscription(List.copyOf(keys), listener);
    all.add(sub);
    for (byte[] key : sub.keys) {
      byKey.computeIfAbsent(ByteBuffer.wrap(key), k -> ConcurrentHashMap.newKeySet()).add(sub);
    }
    sub.schedule();
    return sub;
  }

  /** Whether anyone watches. */
  public boolean hasWatchers() {
    return !all.isEmpty();
  }

  /**
   * Schedules a re-read for the subscriptions watching any of {@code keys}, whose entries may
   * have changed without a commit of their own (expiry, for instance).
   */
  public void keysChanged(Collection<byte[]> keys) {
    if (all.isEmpty()) {
      return;
    }
    for (byte[] key : keys) {
      Set<Subscription> subs = byKey.get(ByteBuffer.wrap(key));
      if (subs != null) {
        for (Subscription s : subs) {
          s.schedule();
        }
      }
    }
  }

  /** Reports the keys one commit wrote and schedules a re-read for their subscriptions. */
  public void keysWritten(Collection<byte[]> keys, Versionstamp commit) {
    if (all.isEmpty()) {
      return;
    }
    for (byte[] key : keys) {
      written(key, commit);
    }
  }

  /** Reports written keys, each with the versionstamp of its commit. */
  public void keysWritten(Collection<KeyWrite> writes) {
    if (all.isEmpty()) {
      return;
    }
    for (KeyWrite w : writes) {
      written(w.key(), w.versionstamp());
    }
  }

  private void written(byte[] key, Versionstamp commit) {
    ByteBuffer k = ByteBuffer.wrap(key);
    Set<Subscription> subs = byKey.get(k);
    if (subs != null) {
      for (Subscription s : subs) {
        s.touched.merge(k, commit, WatchHub::later);
        s.schedule();
      }
    }
  }

  private static Versionstamp later(Versionstamp a, Versionstamp b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean after(@Nullable Versionstamp a, @Nullable Versionstamp b) {
    return a != null && (b == null || a.compareTo(b) > 0);
  }

  /** Schedules a re-read for every subscription (after writes of another process). */
  public void refreshAll() {
    for (Subscription s : all) {
      s.schedule();
    }
  }

  @Override
  public void close() {
    for (Subscription s : List.copyOf(all)) {
      s.close();
    }
  }

  private final class Subscription implements WatchSubscription {
    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_AGAIN = 2;

    private final List<byte[]> keys;
    private final WatchListener listener;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** Keys reported written since the last re-read began, with their latest commit. */
    private final Map<ByteBuffer, Versionstamp> touched = new ConcurrentHashMap<>();
    private @Nullable List<@Nullable Versionstamp> lastEmitted;
    /** Per key, the latest commit accounted for: reported writes and read versionstamps. */
    private final @Nullable Versionstamp[] accounted;
    private volatile boolean closed;

    Subscription(List<byte[]> keys, WatchListener listener) {
      this.keys = keys;
      this.listener = listener;
      this.accounted = new Versionstamp[keys.size()];
    }

    void schedule() {
      while (!closed) {
        int s = state.get();
        if (s == IDLE) {
          if (state.compareAndSet(IDLE, RUNNING)) {
            try {
              executor.execute(this::drain);
            } catch (RuntimeException rejected) {
              state.set(IDLE);
            }
            return;
          }
        } else if (s == RUNNING) {
          if (state.compareAndSet(RUNNING, RUNNING_AGAIN)) {
            return;
          }
        } else {
          return;
        }
      }
    }

    private void drain() {
      while (true) {
        if (!closed) {
          emitIfChanged();
        }
        if (state.compareAndSet(RUNNING, IDLE)) {
          return;
        }
        state.set(RUNNING);
      }
    }

    private void emitIfChanged() {
      Map<ByteBuffer, Versionstamp> written = new HashMap<>();
      for (ByteBuffer key : touched.keySet()) {
        Versionstamp commit = touched.remove(key);
        if (commit != null) {
          written.put(key, commit);
        }
      }
      List<@Nullable RawEntry> entries;
      try {
        entries = reader.apply(keys);
      } catch (RuntimeException e) {
        if (!closed) {
          close();
          listener.onError(e);
        }
        return;
      }
      List<@Nullable Versionstamp> stamps = new ArrayList<>(entries.size());
      for (RawEntry e : entries) {
        stamps.add(e == null ? null : e.versionstamp());
      }
      List<WatchKeyOutput> out = new ArrayList<>(keys.size());
      boolean any = false;
      for (int i = 0; i < keys.size(); i++) {
        Versionstamp stamp = stamps.get(i);
        Versionstamp commit = written.get(ByteBuffer.wrap(keys.get(i)));
        boolean changed = lastEmitted == null || !Objects.equals(lastEmitted.get(i), stamp)
            || after(commit, accounted[i]) && after(commit, stamp);
        if (after(stamp, accounted[i])) {
          accounted[i] = stamp;
        }
        if (after(commit, accounted[i])) {
          accounted[i] = commit;
        }
        any |= changed;
        out.add(new WatchKeyOutput(changed, entries.get(i)));
      }
      if (!any || closed) {
        return;
      }
      lastEmitted = stamps;
      try {
        listener.onChange(out);
      } catch (RuntimeException e) {
        close();
        listener.onError(e);
      }
    }

    @Override
    public void close() {
      closed = true;
      all.remove(this);
      for (byte[] key : keys) {
        byKey.computeIfPresent(ByteBuffer.wrap(key), (k, subs) -> {
          subs.remove(this);
          return subs.isEmpty() ? null : subs;
        });
      }
    }
  }
}
