package dev.denokv.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Replaces the application's Deno KV database with a private in-memory SQLite database for the
 * test context, whatever {@code kv.path} or {@code kv.url} say, so that a test never reads or
 * writes the application's file or remote database. Use it on a {@code @SpringBootTest}; a
 * {@link DataKvTest} has it already. A {@code KvTemplate} the application builds itself (with its
 * own database inside) cannot be replaced: define the {@code Database} as a bean instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("kv.test")
public @interface AutoConfigureTestKv {

  /** Which databases are replaced (property {@code kv.test.replace}). */
  Replace replace() default Replace.ANY;

  /** Which {@code Database} beans the in-memory database replaces. */
  enum Replace {
    /** Any {@code Database} bean, the application's own included. */
    ANY,
    /** Only the one the Deno KV auto-configuration defines (from {@code kv.path} or {@code kv.url}). */
    AUTO_CONFIGURED,
    /** None: the test uses the database the application configures. */
    NONE
  }
}
