package dev.denokv.boot.autoconfigure;

import dev.denokv.spi.Database;

/**
 * Wraps the backend {@link dev.denokv.KvTemplate} talks to, for example to time its operations.
 * Every bean of this type is applied, in {@link org.springframework.core.annotation.Order order},
 * to the auto-configured template; the {@link Database} bean itself stays unwrapped.
 */
@FunctionalInterface
public interface KvDatabaseDecorator {

  /** The database to use instead of {@code database}; closing it must close {@code database}. */
  Database decorate(Database database);
}
