package dev.denokv.repository.support;

import dev.denokv.Consistency;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.repository.KvRepository;
import dev.denokv.repository.mapping.KvPersistentEntity;
import dev.denokv.repository.mapping.KvPersistentProperty;
import dev.denokv.spi.RawKey;
import dev.denokv.spi.ReadRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * Reads and writes the entities of one type and keeps their index keys consistent: every save or
 * delete reads the stored entity, and the atomic operation that writes it checks that entity's
 * versionstamp, so a concurrent write cannot leave an index key behind. Thread-safe.
 */
public final class KvEntityStore<T> {

  private static final int MAX_GET_MANY = 10;

  private final KvTemplate template;
  /** The template reading entities as they are stored (see {@link EntityReading}). */
  private final KvTemplate reader;
  private final EntityMapper<T> mapper;
  private final BatchWriter writer;

  /** A store of the entities {@code entity} describes. */
  public KvEntityStore(KvTemplate template, KvPersistentEntity<T> entity) {
    this.template = template;
    this.reader = template.withValueCodec(EntityReading.codec(template.valueCodec(), entity.getType()));
    this.mapper = new EntityMapper<>(entity, template.valueCodec(), template.clock());
    this.writer = new BatchWriter(template, mapper);
  }

  /** The entity type this store keeps. */
  public KvPersistentEntity<T> entity() {
    return mapper.entity();
  }

  /** The template below this store. */
  public KvTemplate template() {
    return template;
  }

  /** The key an entity with {@code id} is stored at. */
  public KvKey keyOf(Object id) {
    return mapper.keyOfId(id);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** The entity with {@code id}, if it exists. */
  public Optional<T> findById(Object id) {
    KvEntry<T> entry = reader.get(mapper.keyOfId(id), mapper.type());
    return entry.exists() ? Optional.of(mapper.fromEntry(entry)) : Optional.empty();
  }

  /** Whether an entity with {@code id} exists (its value is not read). */
  public boolean existsById(Object id) {
    return countKeys(mapper.keyOfId(id), true, 1) > 0;
  }

  /** The entities with these ids that exist, in the order of the ids. */
  public List<T> findAllById(Iterable<?> ids) {
    List<Object> parts = new ArrayList<>();
    ids.forEach(id -> parts.add(mapper.idPart(Objects.requireNonNull(id, "id"))));
    List<T> found = new ArrayList<>();
    for (T t : loadByIdParts(parts)) {
      if (t != null) {
        found.add(t);
      }
    }
    return found;
  }

  /** Every entity, in key order (descending when {@code reverse}), read lazily. */
  public Stream<T> streamAll(boolean reverse) {
    return reader.list(ListSelector.prefix(mapper.prefixKey()), mapper.type(),
        ListOptions.defaults().withReverse(reverse)).stream().map(mapper::fromEntry);
  }

  /** The entities from position {@code offset} in key order, at most {@code limit} of them. */
  public List<T> findRange(long offset, int limit, boolean reverse) {
    long wanted = offset + limit;
    ListOptions options = ListOptions.defaults().withReverse(reverse);
    if (wanted < Integer.MAX_VALUE) {
      options = options.withLimit((int) wanted);
    }
    return reader.list(ListSelector.prefix(mapper.prefixKey()), mapper.type(), options).stream()
        .skip(offset).limit(limit).map(mapper::fromEntry).toList();
  }

  /** How many entities exist; lists every key under the prefix without decoding values. */
  public long count() {
    return countKeys(mapper.prefixKey(), false, Long.MAX_VALUE);
  }

  /** A window of entities in key order; see {@link KvRepository#findAll(ScrollPosition, Limit)}. */
  public Window<T> scrollAll(ScrollPosition position, Limit limit) {
    return scroll(mapper.prefixKey(), mapper.type(), position, limit, entries -> {
      List<@Nullable T> out = new ArrayList<>(entries.size());
      entries.forEach(e -> out.add(mapper.fromEntry(e)));
      return out;
    });
  }

  // ---- index reads ------------------------------------------------------------------------

  /** The entities whose {@code property} equals {@code value}, at most {@code max}, in id order. */
  public List<T> findByIndex(KvPersistentProperty property, Object value, int max) {
    Object part = mapper.indexPart(property, value);
    KvKey indexPrefix = KvKey.of(entity().indexPrefix(property), part);
    List<Object> ids = new ArrayList<>();
    if (property.isUniqueIndexed()) {
      KvEntry<Object> entry = template.get(indexPrefix, Object.class);
      Object id = entry.exists() ? mapper.idPartOfIndexEntry(entry, true) : null;
      if (id != null) {
        ids.add(id);
      }
    } else {
      ListOptions options = max == Integer.MAX_VALUE ? ListOptions.defaults() : ListOptions.defaults().withLimit(max);
      for (KvEntry<Object> e : template.list(ListSelector.prefix(indexPrefix), Object.class, options)) {
        ids.add(mapper.idPartOfIndexEntry(e, false));
      }
    }
    List<T> found = new ArrayList<>();
    for (T t : loadByIdParts(ids)) {
      if (t != null && matches(t, property, part)) {
        found.add(t);
      }
    }
    return found;
  }

  /** How many index keys {@code value} of {@code property} has (at most {@code max}). */
  public long countByIndex(KvPersistentProperty property, Object value, long max) {
    Object part = mapper.indexPart(property, value);
    KvKey key = KvKey.of(entity().indexPrefix(property), part);
    return countKeys(key, property.isUniqueIndexed(), max);
  }

  /** A window of the entities whose {@code property} equals {@code value}, in id order. */
  public Window<T> scrollByIndex(KvPersistentProperty property, Object value, ScrollPosition position, Limit limit) {
    Object part = mapper.indexPart(property, value);
    if (property.isUniqueIndexed()) {
      requireKeyset(position);
      List<T> found = findByIndex(property, value, 1);
      return Window.from(found, i -> ScrollPosition.keyset(), false);
    }
    KvKey indexPrefix = KvKey.of(entity().indexPrefix(property), part);
    return scroll(indexPrefix, Object.class, position, limit, entries -> {
      List<Object> ids = new ArrayList<>(entries.size());
      entries.forEach(e -> ids.add(mapper.idPartOfIndexEntry(e, false)));
      List<@Nullable T> loaded = loadByIdParts(ids);
      for (int i = 0; i < loaded.size(); i++) {
        T t = loaded.get(i);
        if (t != null && !matches(t, property, part)) {
          loaded.set(i, null);
        }
      }
      return loaded;
    });
  }

  /** Whether each of {@code properties} of {@code bean} equals the matching value. */
  public boolean matchesAll(T bean, List<KvPersistentProperty> properties, List<Object> values) {
    for (int i = 0; i < properties.size(); i++) {
      if (!matches(bean, properties.get(i), mapper.indexPart(properties.get(i), values.get(i)))) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(T bean, KvPersistentProperty property, Object part) {
    Object current = mapper.indexPartOf(bean, property);
    return current != null && KvKey.of(current).equals(KvKey.of(part));
  }

  // ---- writes -----------------------------------------------------------------------------

  /** Saves one entity with its index keys in one atomic operation; returns it with its new version. */
  public T save(T bean) {
    return saveAll(List.of(bean)).get(0);
  }

  /** Saves in as few atomic operations as Deno's limits allow; returns the saved entities. */
  public List<T> saveAll(List<T> beans) {
    List<T> withIds = new ArrayList<>(beans.size());
    List<KvKey> keys = new ArrayList<>(beans.size());
    for (T bean : beans) {
      T withId = mapper.withId(Objects.requireNonNull(bean, "entity"));
      withIds.add(withId);
      keys.add(mapper.keyOfId(mapper.requiredId(withId)));
    }
    boolean reads = mapper.versioned() || mapper.indexed();
    Prefetch prefetch = new Prefetch(template, keys);
    List<BatchWriter.Planner> planners = new ArrayList<>(beans.size());
    for (int i = 0; i < withIds.size(); i++) {
      T withId = withIds.get(i);
      int index = i;
      planners.add(() -> planSave(withId, reads ? prefetch.get(index) : null));
    }
    List<@Nullable Versionstamp> stamps = writer.write(planners, prefetch::clear);
    List<T> saved = new ArrayList<>(beans.size());
    for (int i = 0; i < withIds.size(); i++) {
      Versionstamp stamp = Objects.requireNonNull(stamps.get(i));
      saved.add(mapper.withVersion(withIds.get(i), stamp));
    }
    return saved;
  }

  /** Deletes the entity with {@code id} and its index keys, whatever its version. */
  public void deleteById(Object id) {
    deleteAllById(List.of(id));
  }

  /** Deletes the entities with these ids and their index keys, batch by batch. */
  public void deleteAllById(Iterable<?> ids) {
    List<Object> parts = new ArrayList<>();
    for (Object id : ids) {
      parts.add(mapper.idPart(Objects.requireNonNull(id, "id")));
    }
    delete(parts, Collections.nCopies(parts.size(), null));
  }

  /**
   * Deletes these entities; one whose version no longer matches the stored entity fails with
   * {@link OptimisticLockingFailureException}. Entities that do not exist are ignored.
   */
  public void deleteAll(Iterable<? extends T> beans) {
    List<Object> parts = new ArrayList<>();
    List<@Nullable Versionstamp> expected = new ArrayList<>();
    for (T bean : beans) {
      parts.add(mapper.idPart(mapper.requiredId(Objects.requireNonNull(bean, "entity"))));
      expected.add(mapper.version(bean));
    }
    delete(parts, expected);
  }

  /** Deletes every entity of the type, batch by batch. */
  public void deleteAll() {
    List<Object> parts = new ArrayList<>();
    KvList<Object> entries = template.list(ListSelector.prefix(mapper.prefixKey()), Object.class);
    for (KvEntry<Object> e : entries) {
      parts.add(e.key().get(e.key().size() - 1));
    }
    delete(parts, Collections.nCopies(parts.size(), null));
  }

  /** Deletes the given entities (as read by a query) whatever their version; returns how many were deleted. */
  public long deleteEntities(List<T> beans) {
    List<Object> parts = new ArrayList<>();
    for (T bean : beans) {
      parts.add(mapper.idPart(mapper.requiredId(bean)));
    }
    return delete(parts, Collections.nCopies(parts.size(), null));
  }

  private long delete(List<Object> idParts, List<@Nullable Versionstamp> expected) {
    List<KvKey> keys = idParts.stream().map(mapper::keyOfIdPart).toList();
    Prefetch prefetch = new Prefetch(template, keys);
    List<BatchWriter.Planner> planners = new ArrayList<>(idParts.size());
    for (int i = 0; i < idParts.size(); i++) {
      int index = i;
      planners.add(() -> planDelete(idParts.get(index), expected.get(index), () -> prefetch.get(index)));
    }
    return writer.write(planners, prefetch::clear).stream().filter(Objects::nonNull).count();
  }

  private WritePlan planSave(T bean, @Nullable KvEntry<Object> stored) {
    Object id = mapper.requiredId(bean);
    Object idPart = mapper.idPart(id);
    KvKey key = mapper.keyOfIdPart(idPart);
    WritePlan plan = new WritePlan(template.valueCodec(), idPart);
    Duration expireIn = mapper.expireIn(bean);
    List<IndexKey> newIndex = mapper.indexKeys(bean, idPart);
    if (stored != null) {
      KvEntry<Object> old = stored;
      if (mapper.versioned()) {
        Versionstamp expected = mapper.version(bean);
        if (!Objects.equals(expected, old.versionstamp())) {
          throw stale(id, expected, old.versionstamp());
        }
        plan.check(key, expected);
      } else {
        plan.check(key, old.versionstamp());
      }
      Set<KvKey> newKeys = new HashSet<>();
      newIndex.forEach(k -> newKeys.add(k.key()));
      Set<KvKey> oldKeys = new HashSet<>();
      if (old.exists()) {
        for (IndexKey k : mapper.indexKeysOfStored(old.value(), idPart)) {
          oldKeys.add(k.key());
          if (!newKeys.contains(k.key())) {
            plan.delete(k.key());
          }
        }
      }
      for (IndexKey k : newIndex) {
        if (k.unique() && !oldKeys.contains(k.key())) {
          plan.claim(k);
        }
      }
    }
    plan.put(key, mapper.toStored(bean), expireIn);
    for (IndexKey k : newIndex) {
      plan.put(k.key(), idPart, expireIn);
    }
    return plan;
  }

  private @Nullable WritePlan planDelete(Object idPart, @Nullable Versionstamp expected,
      Supplier<KvEntry<Object>> stored) {
    KvKey key = mapper.keyOfIdPart(idPart);
    WritePlan plan = new WritePlan(template.valueCodec(), idPart);
    if (!mapper.indexed() && expected == null) {
      return plan.delete(key);
    }
    KvEntry<Object> old = stored.get();
    if (!old.exists()) {
      return null;
    }
    if (expected != null && !expected.equals(old.versionstamp())) {
      throw stale(idPart, expected, old.versionstamp());
    }
    plan.check(key, old.versionstamp()).delete(key);
    for (IndexKey k : mapper.indexKeysOfStored(old.value(), idPart)) {
      plan.delete(k.key());
    }
    return plan;
  }

  private OptimisticLockingFailureException stale(Object id, @Nullable Versionstamp expected,
      @Nullable Versionstamp found) {
    String name = entity().getName();
    if (expected == null) {
      return new OptimisticLockingFailureException(
          name + " with id " + id + " already exists (versionstamp " + found + "); load it before saving it");
    }
    if (found == null) {
      return new OptimisticLockingFailureException(
          name + " with id " + id + " was deleted after version " + expected + " was read");
    }
    return new OptimisticLockingFailureException(
        name + " with id " + id + " is stale: its version is " + expected + " but the stored one is " + found);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private List<@Nullable T> loadByIdParts(List<@Nullable Object> idParts) {
    List<@Nullable T> out = new ArrayList<>(idParts.size());
    for (int from = 0; from < idParts.size(); from += MAX_GET_MANY) {
      List<@Nullable Object> chunk = idParts.subList(from, Math.min(idParts.size(), from + MAX_GET_MANY));
      List<KvKey> keys = new ArrayList<>(chunk.size());
      List<Integer> positions = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        out.add(null);
        Object part = chunk.get(i);
        if (part != null) {
          keys.add(mapper.keyOfIdPart(part));
          positions.add(from + i);
        }
      }
      if (keys.isEmpty()) {
        continue;
      }
      List<KvEntry<T>> entries = reader.getMany(keys, mapper.type());
      for (int i = 0; i < entries.size(); i++) {
        KvEntry<T> e = entries.get(i);
        if (e.exists()) {
          out.set(positions.get(i), mapper.fromEntry(e));
        }
      }
    }
    return out;
  }

  /** Counts keys under {@code prefix} (or the key itself when {@code exact}), up to {@code max}. */
  private long countKeys(KvKey prefix, boolean exact, long max) {
    byte[] p = prefix.encode();
    byte[] start = exact ? p : append(p, (byte) 0x00);
    byte[] end = append(p, exact ? (byte) 0x00 : (byte) 0xFF);
    if (max == Long.MAX_VALUE) {
      return template.database().count(start, end, Consistency.STRONG);
    }
    long count = 0;
    while (count < max) {
      int want = (int) Math.min(template.limits().maxReadEntries(), max - count);
      List<RawKey> rows = template.database()
          .snapshotReadKeys(List.of(new ReadRange(start, end, want, false)), Consistency.STRONG).get(0);
      count += rows.size();
      if (rows.size() < want) {
        break;
      }
      start = append(rows.get(rows.size() - 1).key(), (byte) 0x00);
    }
    return count;
  }

  private static byte[] append(byte[] key, byte b) {
    byte[] out = Arrays.copyOf(key, key.length + 1);
    out[key.length] = b;
    return out;
  }

  private interface Resolver<E, T> {
    List<@Nullable T> resolve(List<KvEntry<E>> entries);
  }

  private <E> Window<T> scroll(KvKey prefix, Class<E> type, ScrollPosition position, Limit limit,
      Resolver<E, T> resolver) {
    KeysetScrollPosition keyset = requireKeyset(position);
    boolean backward = keyset.scrollsBackward();
    Object cursor = keyset.getKeys().get(KvRepository.CURSOR);
    if (cursor != null && !(cursor instanceof String)) {
      throw new InvalidDataAccessApiUsageException("The '" + KvRepository.CURSOR + "' of a scroll position must be a "
          + "Deno list cursor string, not " + cursor.getClass().getName());
    }
    ListOptions options = ListOptions.defaults().withReverse(backward).withCursor((String) cursor);
    if (limit.isLimited() && limit.max() < Integer.MAX_VALUE) {
      options = options.withLimit(limit.max() + 1);
    }
    KvList<E> list = reader.list(ListSelector.prefix(prefix), type, options);
    List<KvEntry<E>> entries = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    var it = list.iterator();
    while (it.hasNext()) {
      entries.add(it.next());
      cursors.add(list.cursor());
    }
    boolean hasNext = limit.isLimited() && entries.size() > limit.max();
    if (hasNext) {
      entries = entries.subList(0, limit.max());
    }
    List<@Nullable T> resolved = resolver.resolve(entries);
    List<T> content = new ArrayList<>();
    List<String> positions = new ArrayList<>();
    for (int i = 0; i < resolved.size(); i++) {
      T t = resolved.get(i);
      if (t != null) {
        content.add(t);
        positions.add(cursors.get(i));
      }
    }
    if (backward) {
      Collections.reverse(content);
      Collections.reverse(positions);
    }
    ScrollPosition.Direction direction = keyset.getDirection();
    return Window.from(content, i -> ScrollPosition.of(Map.of(KvRepository.CURSOR, positions.get(i)), direction),
        hasNext);
  }

  private static KeysetScrollPosition requireKeyset(ScrollPosition position) {
    if (position instanceof KeysetScrollPosition keyset) {
      return keyset;
    }
    throw new InvalidDataAccessApiUsageException("Deno KV scrolls with keyset positions holding a list cursor "
        + "(start with ScrollPosition.keyset()); offset positions are not supported");
  }
}
