package dev.denokv.repository.auditing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Fills the auditing properties of entities Deno KV repositories save: {@code @CreatedDate} and
 * {@code @CreatedBy} when the entity is new, {@code @LastModifiedDate} and {@code @LastModifiedBy} on
 * every save. Whether an entity is new is Spring Data's rule: a null {@code @Version} (or, without
 * one, a null id), or {@code Persistable.isNew()}; give entities with assigned ids a
 * {@code @Version} so that the creation date is set once. Users come from the
 * {@link org.springframework.data.domain.AuditorAware} bean.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(KvAuditingRegistrar.class)
public @interface EnableKvAuditing {

  /** The name of the {@code AuditorAware} bean (default: the single one, if any). */
  String auditorAwareRef() default "";

  /** Whether creation and modification dates are set. */
  boolean setDates() default true;

  /** Whether a new entity gets its modification properties set too. */
  boolean modifyOnCreate() default true;

  /**
   * The name of the {@code DateTimeProvider} bean (default: the current time to the millisecond,
   * as the JS {@code Date} the dates are stored as holds it).
   */
  String dateTimeProviderRef() default "";
}
