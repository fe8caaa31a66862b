package dev.denokv.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Applies the auto-configurations a {@link DataKvTest} needs, listed in
 * {@code META-INF/spring/dev.denokv.boot.test.autoconfigure.AutoConfigureDataKv.imports}: Deno KV,
 * its repositories and transactions, Jackson (whose settings shape stored values) and Spring's
 * transaction support.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDataKv {}
