package dev.denokv;

import dev.denokv.key.KvKey;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Adapts backend watch emissions to typed entries. Keeps the last entry of every key, applies the
 * keys reported as changed, and, as Deno does, drops an emission in which no versionstamp moved
 * unless raw emissions were asked for.
 */
final class WatchBridge<T> implements WatchListener {

  private final List<KvKey> keys;
  private final Class<T> type;
  private final EntryDecoder decoder;
  private final boolean raw;
  private final Consumer<List<KvEntry<T>>> onChange;
  private final Consumer<Throwable> onError;
  private List<KvEntry<T>> current;
  private boolean emitted;

  WatchBridge(List<KvKey> keys, Class<T> type, EntryDecoder decoder, boolean raw,
      Consumer<List<KvEntry<T>>> onChange, Consumer<Throwable> onError) {
    this.raw = raw;
    this.keys = List.copyOf(keys);
    this.type = type;
    this.decoder = decoder;
    this.onChange = onChange;
    this.onError = onError;
    this.current = new ArrayList<>(keys.size());
    for (KvKey key : keys) {
      current.add(new KvEntry<>(key, null, null));
    }
  }

  @Override
  public synchronized void onChange(List<WatchKeyOutput> outputs) {
    List<KvEntry<T>> next = new ArrayList<>(current);
    boolean moved = false;
    boolean reported = false;
    for (int i = 0; i < outputs.size() && i < keys.size(); i++) {
      WatchKeyOutput out = outputs.get(i);
      if (!out.changed()) {
        continue;
      }
      reported = true;
      KvEntry<T> entry = out.entry() == null
          ? new KvEntry<>(keys.get(i), null, null)
          : decoder.decode(keys.get(i), out.entry(), type);
      if (!Objects.equals(entry.versionstamp(), current.get(i).versionstamp())) {
        moved = true;
      }
      next.set(i, entry);
    }
    current = next;
    if (moved || !emitted || (raw && reported)) {
      emitted = true;
      onChange.accept(List.copyOf(next));
    }
  }

  @Override
  public void onError(Throwable error) {
    onError.accept(error);
  }
}
