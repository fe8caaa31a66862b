package dev.denokv.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class stored by a {@link KvRepository}. Each entity lives at the key
 * {@code [prefix, id]} as a plain JS object, the layout a Deno program writes with
 * {@code kv.set(["users", user.id], user)}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KvEntity {

  /**
   * The first key part of every entity of this type. Empty (the default): the simple class name
   * with its first letter in lower case ({@code User} is stored under {@code "user"},
   * {@code OrderLine} under {@code "orderLine"}).
   */
  String prefix() default "";

  /**
   * How long entities of this type live after each save, as an ISO-8601 duration such as
   * {@code "PT1H"}; empty (the default) means forever. A {@link TimeToLive} property overrides it
   * per entity.
   */
  String expireIn() default "";
}
