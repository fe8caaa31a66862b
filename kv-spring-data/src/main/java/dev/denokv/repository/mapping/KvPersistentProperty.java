package dev.denokv.repository.mapping;

import dev.denokv.repository.Indexed;
import dev.denokv.repository.TimeToLive;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/** A property of a Deno KV entity: stored in its JS object, or its id, version or time to live. */
public class KvPersistentProperty extends AnnotationBasedPersistentProperty<KvPersistentProperty> {

  /** A property of {@code owner}. */
  public KvPersistentProperty(Property property, PersistentEntity<?, KvPersistentProperty> owner,
      SimpleTypeHolder simpleTypeHolder) {
    super(property, owner, simpleTypeHolder);
  }

  /** Whether the property carries {@link Indexed}. */
  public boolean isIndexed() {
    return isAnnotationPresent(Indexed.class);
  }

  /** Whether the property carries {@code @Indexed(unique = true)}. */
  public boolean isUniqueIndexed() {
    Indexed indexed = findAnnotation(Indexed.class);
    return indexed != null && indexed.unique();
  }

  /** Whether the property carries {@link TimeToLive}. */
  public boolean isTimeToLive() {
    return isAnnotationPresent(TimeToLive.class);
  }

  /** Whether the property is written into the entity's JS object (all but version and time to live). */
  public boolean isStored() {
    return !isVersionProperty() && !isTimeToLive();
  }

  @Override
  protected @Nullable Association<KvPersistentProperty> createAssociation() {
    return null;
  }
}
