package dev.denokv.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maintains a secondary index on a property, in the same atomic operation that writes the entity,
 * so that derived queries such as {@code findByEmail} can find entities by it.
 *
 * <p>A non-unique index holds one key per entity, {@code [prefix + "_by_" + property, value, id]}.
 * A unique index holds one key per value, {@code [prefix + "_by_" + property, value]}; a save
 * that would give a second entity the same value fails with
 * {@link org.springframework.dao.DuplicateKeyException}. In both cases the value stored at the
 * index key is the entity's id. A property whose value is null has no index key.
 *
 * <p>The property type must be usable as a key part: {@code String}, {@code char}/{@code Character},
 * a Java number type (stored as a JS number part), {@code BigInteger} (a bigint part),
 * {@code boolean}, {@code byte[]}, {@code UUID} (its string form) or an enum (its name).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface Indexed {

  /** Whether no two entities may have the same value. */
  boolean unique() default false;
}
