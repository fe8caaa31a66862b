package dev.denokv.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Marks the property holding how long an entity lives after it is saved, applied as Deno's
 * {@code expireIn} to the entity and its index keys. The property may be a
 * {@link java.time.Duration} or a whole number counted in {@link #unit()}. A null value falls back
 * to {@link KvEntity#expireIn()}. The property is not stored in the entity's JS object (Deno does
 * not report expiry times), so it reads back as null: an entity loaded and saved again without
 * setting it anew gets the type's {@code expireIn}, or no expiry at all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TimeToLive {

  /** The unit of a numeric property (ignored for a {@code Duration}). */
  ChronoUnit unit() default ChronoUnit.SECONDS;
}
