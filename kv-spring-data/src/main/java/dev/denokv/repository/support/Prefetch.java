package dev.denokv.repository.support;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored entries a run of writes will look at, ten keys per read instead of one. What it
 * read is dropped at every commit, which may change it.
 */
final class Prefetch {

  private static final int MAX_GET_MANY = 10;

  private final KvTemplate template;
  private final List<KvKey> keys;
  private final Map<Integer, KvEntry<Object>> cache = new HashMap<>();

  Prefetch(KvTemplate template, List<KvKey> keys) {
    this.template = template;
    this.keys = keys;
  }

  /** The entry at {@code keys.get(index)}, read with the next keys if not read yet. */
  KvEntry<Object> get(int index) {
    KvEntry<Object> entry = cache.remove(index);
    if (entry != null) {
      return entry;
    }
    int end = Math.min(keys.size(), index + MAX_GET_MANY);
    List<KvEntry<Object>> read = template.getMany(keys.subList(index, end), Object.class);
    for (int i = 1; i < read.size(); i++) {
      cache.put(index + i, read.get(i));
    }
    return read.get(0);
  }

  /** Forgets everything read so far. */
  void clear() {
    cache.clear();
  }
}
