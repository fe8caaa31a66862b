package dev.denokv.spi.support;

import dev.denokv.Versionstamp;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
 * its keys was written by this process (even without effect, such as deleting an absent key: raw
 * watches see those, as in Deno; the API layer drops them from the others). Re-reads
 * of one subscription never overlap, and requests arriving during one are folded into a single
 * follow-up, so rapid writes coalesce into an emission of the latest state.
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

  /** Schedules a re-read for the subscriptions watching any of {@code keys}. */
  public void keysChanged(Collection<byte[]> keys) {
    if (all.isEmpty()) {
      return;
    }
    for (byte[] key : keys) {
      Set<Subscription> subs = byKey.get(ByteBuffer.wrap(key));
      if (subs != null) {
        for (Subscription s : subs) {
          s.touched.add(ByteBuffer.wrap(key));
          s.schedule();
        }
      }
    }
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
    /** Keys written by this process since the last re-read began. */
    private final Set<ByteBuffer> touched = ConcurrentHashMap.newKeySet();
    private @Nullable List<@Nullable Versionstamp> lastEmitted;
    private volatile boolean closed;

    Subscription(List<byte[]> keys, WatchListener listener) {
      this.keys = keys;
      this.listener = listener;
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
      Set<ByteBuffer> written = new HashSet<>();
      for (ByteBuffer key : touched) {
        touched.remove(key);
        written.add(key);
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
        boolean changed = lastEmitted == null || !Objects.equals(lastEmitted.get(i), stamps.get(i))
            || written.contains(ByteBuffer.wrap(keys.get(i)));
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
