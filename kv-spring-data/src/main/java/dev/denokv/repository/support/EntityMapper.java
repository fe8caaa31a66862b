package dev.denokv.repository.support;

import dev.denokv.KvEntry;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.repository.TimeToLive;
import dev.denokv.repository.mapping.KeyPartMapping;
import dev.denokv.repository.mapping.KvPersistentEntity;
import dev.denokv.repository.mapping.KvPersistentProperty;
import dev.denokv.value.ValueCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;

/**
 * Converts between entities and what Deno KV stores: the entity key {@code [prefix, id]}, the JS
 * object (every property but the version and time to live, the id included), and index keys.
 */
final class EntityMapper<T> {

  private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

  private final KvPersistentEntity<T> entity;
  private final ValueCodec codec;
  private final Clock clock;
  private final KvPersistentProperty idProperty;
  private final @Nullable KvPersistentProperty versionProperty;
  private final List<KvPersistentProperty> indexed;
  private final List<KvPersistentProperty> stored = new ArrayList<>();

  EntityMapper(KvPersistentEntity<T> entity, ValueCodec codec, Clock clock) {
    entity.verifyRepositoryEntity();
    this.entity = entity;
    this.codec = codec;
    this.clock = clock;
    this.idProperty = entity.getRequiredIdProperty();
    this.versionProperty = entity.getVersionProperty();
    this.indexed = entity.indexedProperties();
    entity.doWithProperties((KvPersistentProperty p) -> {
      if (p.isStored()) {
        stored.add(p);
      }
    });
  }

  KvPersistentEntity<T> entity() {
    return entity;
  }

  Class<T> type() {
    return entity.getType();
  }

  KvKey prefixKey() {
    return KvKey.of(entity.prefix());
  }

  boolean versioned() {
    return versionProperty != null;
  }

  boolean indexed() {
    return !indexed.isEmpty();
  }

  // ---- ids ------------------------------------------------------------------------------

  /** The key part of an id given by the caller. */
  Object idPart(Object id) {
    Object converted = KeyPartMapping.fromKeyPart(id, idProperty.getType());
    return KeyPartMapping.toKeyPart(converted);
  }

  KvKey keyOfId(Object id) {
    return keyOfIdPart(idPart(id));
  }

  KvKey keyOfIdPart(Object idPart) {
    return KvKey.of(entity.prefix(), idPart);
  }

  @Nullable Object id(T bean) {
    return entity.getPropertyAccessor(bean).getProperty(idProperty);
  }

  Object requiredId(T bean) {
    Object id = id(bean);
    if (id == null) {
      throw new InvalidDataAccessApiUsageException("The @Id property '" + idProperty.getName() + "' of "
          + entity.getName() + " is null");
    }
    return id;
  }

  /** {@code bean} with an id: a random UUID (or its string) for UUID and String ids. */
  T withId(T bean) {
    if (id(bean) != null) {
      return bean;
    }
    Object generated;
    if (idProperty.getType() == UUID.class) {
      generated = UUID.randomUUID();
    } else if (idProperty.getType() == String.class) {
      generated = UUID.randomUUID().toString();
    } else {
      throw new InvalidDataAccessApiUsageException("The @Id property '" + idProperty.getName() + "' of "
          + entity.getName() + " is null; only String and UUID ids are generated");
    }
    PersistentPropertyAccessor<T> accessor = accessor(bean);
    accessor.setProperty(idProperty, generated);
    return accessor.getBean();
  }

  // ---- versions -------------------------------------------------------------------------

  @Nullable Versionstamp version(T bean) {
    if (versionProperty == null) {
      return null;
    }
    Object v = entity.getPropertyAccessor(bean).getProperty(versionProperty);
    if (v == null) {
      return null;
    }
    return v instanceof Versionstamp vs ? vs : Versionstamp.parse((String) v);
  }

  T withVersion(T bean, Versionstamp versionstamp) {
    if (versionProperty == null) {
      return bean;
    }
    PersistentPropertyAccessor<T> accessor = accessor(bean);
    accessor.setProperty(versionProperty,
        versionProperty.getType() == String.class ? versionstamp.toHex() : versionstamp);
    return accessor.getBean();
  }

  // ---- expiry ---------------------------------------------------------------------------

  @Nullable Duration expireIn(T bean) {
    KvPersistentProperty ttl = entity.timeToLiveProperty();
    if (ttl != null) {
      Object value = entity.getPropertyAccessor(bean).getProperty(ttl);
      if (value instanceof Duration d) {
        return d;
      }
      if (value instanceof Number n) {
        TimeToLive annotation = ttl.getRequiredAnnotation(TimeToLive.class);
        return Duration.of(n.longValue(), annotation.unit());
      }
    }
    return entity.expireIn();
  }

  // ---- values ---------------------------------------------------------------------------

  /** The JS object to store: every stored property by name, in declaration order. */
  Map<String, @Nullable Object> toStored(T bean) {
    PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(bean);
    Map<String, @Nullable Object> object = new LinkedHashMap<>();
    for (KvPersistentProperty p : stored) {
      object.put(p.getName(), accessor.getProperty(p));
    }
    return object;
  }

  /** The entity read from {@code entry}: its id from the key, its version from the versionstamp. */
  T fromEntry(KvEntry<T> entry) {
    T bean = entry.value();
    if (bean == null) {
      throw new InvalidDataAccessApiUsageException("The entry at " + entry.key() + " holds no "
          + entity.getName());
    }
    PersistentPropertyAccessor<T> accessor = accessor(bean);
    Object idPart = entry.key().get(entry.key().size() - 1);
    accessor.setProperty(idProperty, KeyPartMapping.fromKeyPart(idPart, idProperty.getType()));
    T withId = withTimeToLive(accessor.getBean(), entry.expiresAt());
    return entry.versionstamp() == null ? withId : withVersion(withId, entry.versionstamp());
  }

  /**
   * {@code bean} with its time-to-live property holding the time left until {@code expiresAt} (by
   * the template's clock), so that saving it again keeps its expiry; a numeric property is rounded
   * up to its unit. Unchanged when the type has no such property or the backend reports no expiry.
   */
  private T withTimeToLive(T bean, @Nullable Instant expiresAt) {
    KvPersistentProperty ttl = entity.timeToLiveProperty();
    if (ttl == null || expiresAt == null) {
      return bean;
    }
    Duration left = Duration.between(Instant.ofEpochMilli(clock.millis()), expiresAt);
    if (left.isNegative()) {
      left = Duration.ZERO;
    }
    Object value;
    if (Duration.class.isAssignableFrom(ttl.getType())) {
      value = left;
    } else {
      Duration unit = ttl.getRequiredAnnotation(TimeToLive.class).unit().getDuration();
      long whole = left.dividedBy(unit);
      if (!left.minus(unit.multipliedBy(whole)).isZero()) {
        whole++;
      }
      value = toNumber(whole, ttl.getType());
    }
    PersistentPropertyAccessor<T> accessor = accessor(bean);
    accessor.setProperty(ttl, value);
    return accessor.getBean();
  }

  private static Object toNumber(long value, Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return (int) Math.min(Integer.MAX_VALUE, value);
    }
    if (type == short.class || type == Short.class) {
      return (short) Math.min(Short.MAX_VALUE, value);
    }
    if (type == double.class || type == Double.class) {
      return (double) value;
    }
    if (type == float.class || type == Float.class) {
      return (float) value;
    }
    if (type == java.math.BigInteger.class) {
      return java.math.BigInteger.valueOf(value);
    }
    return value;
  }

  // ---- index keys -----------------------------------------------------------------------

  List<IndexKey> indexKeys(T bean, Object idPart) {
    PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(bean);
    return indexKeys(p -> accessor.getProperty(p), idPart);
  }

  /** The index keys of an entity as stored (a JS object in its natural Java form). */
  List<IndexKey> indexKeysOfStored(@Nullable Object stored, Object idPart) {
    if (!(stored instanceof Map<?, ?> object)) {
      return List.of();
    }
    return indexKeys(p -> asStoredProperty(p, object.get(p.getName())), idPart);
  }

  /**
   * A stored property value as the Java value it was written from, where their key parts could
   * differ: an enum is stored as the codec writes it (its {@code toString()} or {@code @JsonValue})
   * but indexed by its name. Null when the stored value is not one the property can hold.
   */
  private @Nullable Object asStoredProperty(KvPersistentProperty property, @Nullable Object stored) {
    if (stored == null || !property.getType().isEnum()) {
      return stored;
    }
    try {
      return codec.decode(codec.encode(stored), property.getType());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private List<IndexKey> indexKeys(Function<KvPersistentProperty, @Nullable Object> values, Object idPart) {
    List<IndexKey> keys = new ArrayList<>(indexed.size());
    for (KvPersistentProperty p : indexed) {
      Object value = values.apply(p);
      if (value == null || !KeyPartMapping.isKeyPartType(value.getClass())) {
        continue;
      }
      Object part = KeyPartMapping.toKeyPart(value);
      KvKey key = p.isUniqueIndexed()
          ? KvKey.of(entity.indexPrefix(p), part)
          : KvKey.of(entity.indexPrefix(p), part, idPart);
      keys.add(new IndexKey(key, p, part));
    }
    return keys;
  }

  /** The key part of {@code value} of {@code property}, for looking it up in its index. */
  Object indexPart(KvPersistentProperty property, Object value) {
    Object converted = KeyPartMapping.fromKeyPart(KeyPartMapping.toKeyPart(value), property.getType());
    return KeyPartMapping.toKeyPart(converted);
  }

  /** The current value of {@code property} of {@code bean} as a key part, or null. */
  @Nullable Object indexPartOf(T bean, KvPersistentProperty property) {
    Object value = entity.getPropertyAccessor(bean).getProperty(property);
    return value == null ? null : KeyPartMapping.toKeyPart(value);
  }

  /** The id an index entry points to: the last key part, or the stored id of a unique index. */
  @Nullable Object idPartOfIndexEntry(KvEntry<Object> entry, boolean unique) {
    if (!unique) {
      return entry.key().get(entry.key().size() - 1);
    }
    Object value = entry.value();
    if (value instanceof Map<?, ?> object) {
      value = object.get(idProperty.getName());
    }
    return value != null && KeyPartMapping.isKeyPartType(value.getClass()) ? KeyPartMapping.toKeyPart(value) : null;
  }

  private PersistentPropertyAccessor<T> accessor(T bean) {
    return new InstantiationAwarePropertyAccessor<>(bean, entity::getPropertyAccessor, INSTANTIATORS);
  }
}
