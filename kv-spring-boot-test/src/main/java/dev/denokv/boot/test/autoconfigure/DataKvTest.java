package dev.denokv.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of the Deno KV layer of an application: only the Deno KV auto-configuration (database,
 * {@code KvTemplate}, repositories, transactions, exception translation, Jackson) is applied and no
 * {@code @Component}s are scanned, and the database is a private in-memory one (see
 * {@link AutoConfigureTestKv}), so the test never touches a file the application uses. The context
 * is cached across test classes with the same configuration, as Spring does: data written by one
 * test is visible to the next unless it cleans up (or the test class is {@code @Transactional},
 * which rolls each test method back).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DataKvTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(DataKvTypeExcludeFilter.class)
@AutoConfigureDataKv
@AutoConfigureTestKv
@ImportAutoConfiguration
public @interface DataKvTest {

  /** Properties in {@code key=value} form added to the test's environment. */
  String[] properties() default {};

  /** Whether the default filters (none: no component is included) apply. */
  boolean useDefaultFilters() default true;

  /** Components to add to the context after all. */
  Filter[] includeFilters() default {};

  /** Components to leave out. */
  Filter[] excludeFilters() default {};

  /** Auto-configurations to leave out. */
  @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
  Class<?>[] excludeAutoConfiguration() default {};
}
