package dev.denokv.repository.mapping;

import dev.denokv.Versionstamp;
import dev.denokv.repository.KvEntity;
import java.beans.Introspector;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * A Deno KV entity type: its key prefix, its id, version, index and time-to-live properties, and
 * its default lifetime.
 */
public class KvPersistentEntity<T> extends BasicPersistentEntity<T, KvPersistentProperty> {

  private final String prefix;
  private final @Nullable Duration expireIn;
  private @Nullable KvPersistentProperty timeToLiveProperty;
  private final List<KvPersistentProperty> indexedProperties = new ArrayList<>();

  /** The entity of {@code information}'s type. */
  public KvPersistentEntity(TypeInformation<T> information) {
    super(information);
    KvEntity annotation = findAnnotation(KvEntity.class);
    String declared = annotation == null ? "" : annotation.prefix();
    this.prefix = StringUtils.hasText(declared) ? declared : defaultPrefix(information.getType());
    this.expireIn = annotation == null ? null : parseExpireIn(annotation.expireIn(), information.getType());
  }

  /** The default prefix: the simple class name with a lower-case first letter. */
  static String defaultPrefix(Class<?> type) {
    String simple = ClassUtils.getShortName(type);
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    return Introspector.decapitalize(simple);
  }

  private static @Nullable Duration parseExpireIn(String text, Class<?> type) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative()) {
        throw new MappingException("@KvEntity(expireIn = \"" + text + "\") on " + type.getName() + " is negative");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new MappingException("@KvEntity(expireIn = \"" + text + "\") on " + type.getName()
          + " is not an ISO-8601 duration such as \"PT1H\"", e);
    }
  }

  @Override
  public void addPersistentProperty(KvPersistentProperty property) {
    super.addPersistentProperty(property);
    if (property.isTimeToLive()) {
      if (timeToLiveProperty != null) {
        throw new MappingException(getName() + " has two @TimeToLive properties: "
            + timeToLiveProperty.getName() + " and " + property.getName());
      }
      timeToLiveProperty = property;
    }
    if (property.isIndexed()) {
      indexedProperties.add(property);
    }
  }

  /** The first key part of every entity of this type. */
  public String prefix() {
    return prefix;
  }

  /** The first key part of the index keys of {@code property}: {@code prefix + "_by_" + name}. */
  public String indexPrefix(KvPersistentProperty property) {
    return prefix + "_by_" + property.getName();
  }

  /** The lifetime {@link KvEntity#expireIn()} declares, or null for none. */
  public @Nullable Duration expireIn() {
    return expireIn;
  }

  /** The {@link dev.denokv.repository.TimeToLive} property, or null. */
  public @Nullable KvPersistentProperty timeToLiveProperty() {
    return timeToLiveProperty;
  }

  /** The {@link dev.denokv.repository.Indexed} properties. */
  public List<KvPersistentProperty> indexedProperties() {
    return List.copyOf(indexedProperties);
  }

  @Override
  public void verify() {
    super.verify();
    for (KvPersistentProperty p : indexedProperties) {
      if (!KeyPartMapping.isKeyPartType(p.getType())) {
        throw new MappingException("@Indexed property '" + p.getName() + "' of " + getName() + " has type "
            + p.getType().getName() + ", which cannot be a Deno KV key part");
      }
      if (p.isIdProperty() || p.isVersionProperty() || p.isTimeToLive()) {
        throw new MappingException("@Indexed property '" + p.getName() + "' of " + getName()
            + " is the id, version or time to live; only stored properties can be indexed");
      }
    }
    KvPersistentProperty ttl = timeToLiveProperty;
    if (ttl != null) {
      Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(ttl.getType());
      if (type != Duration.class && type != Long.class && type != Integer.class) {
        throw new MappingException("@TimeToLive property '" + ttl.getName() + "' of " + getName()
            + " must be a Duration, long or int, not " + ttl.getType().getName());
      }
    }
    KvPersistentProperty version = getVersionProperty();
    if (version != null && version.getType() != Versionstamp.class && version.getType() != String.class) {
      throw new MappingException("@Version property '" + version.getName() + "' of " + getName()
          + " must be a Versionstamp or a String (its hex form), not " + version.getType().getName());
    }
  }

  /** Checks what a repository needs beyond {@link #verify()}: an id usable as a key part. */
  public void verifyRepositoryEntity() {
    KvPersistentProperty id = getIdProperty();
    if (id == null) {
      throw new MappingException(getName() + " has no @Id property");
    }
    if (!KeyPartMapping.isKeyPartType(id.getType())) {
      throw new MappingException("@Id property '" + id.getName() + "' of " + getName() + " has type "
          + id.getType().getName() + ", which cannot be a Deno KV key part");
    }
  }
}
