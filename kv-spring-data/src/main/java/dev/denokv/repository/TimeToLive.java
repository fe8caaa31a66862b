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
 * to {@link KvEntity#expireIn()}. The property is not stored in the entity's JS object: a loaded
 * entity's property holds the time its entry has left (rounded up to {@link #unit()}), so that
 * saving it again keeps its expiry, on backends that report expiry times (the embedded database).
 * Over KV Connect, which reports none, it reads back as null and a re-saved entity gets the type's
 * {@code expireIn}, or no expiry at all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface TimeToLive {

  /** The unit of a numeric property (ignored for a {@code Duration}). */
  ChronoUnit unit() default ChronoUnit.SECONDS;
}
