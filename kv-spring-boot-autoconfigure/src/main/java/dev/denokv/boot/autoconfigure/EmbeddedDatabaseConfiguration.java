package dev.denokv.boot.autoconfigure;

import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.sqlite.SqliteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded SQLite backend, used when {@code kv.url} is not set or the {@code local} profile is
 * active, unless the application defines its own {@code Database} or {@code KvTemplate}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.denokv.sqlite.SqliteDatabase")
@Conditional(OnEmbeddedBackendCondition.class)
@ConditionalOnMissingBean({dev.denokv.spi.Database.class, dev.denokv.KvTemplate.class})
class EmbeddedDatabaseConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  SqliteDatabase kvDatabase(KvProperties properties) {
    SqliteOptions options = sqliteOptions(properties.getSqlite());
    if (properties.isInMemory()) {
      log.info("Deno KV: embedded in-memory SQLite database");
      return SqliteDatabase.inMemory(options);
    }
    Path file = properties.getPath().toAbsolutePath().normalize();
    checkUsable(file);
    log.info("Deno KV: embedded SQLite database at {}", file);
    try {
      return SqliteDatabase.open(file, options);
    } catch (RuntimeException e) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.path", properties.getPath(), "The SQLite database cannot be opened: " + e.getMessage());
    }
  }

  /** The {@code kv.sqlite.*} settings, each rejected value failing with the name of its property. */
  private static SqliteOptions sqliteOptions(KvProperties.Sqlite sqlite) {
    SqliteOptions options = PropertyCheck.property("kv.sqlite.durability", sqlite.getDurability(),
        () -> SqliteOptions.defaults().withDurability(sqlite.getDurability()));
    SqliteOptions base = options;
    options = PropertyCheck.property("kv.sqlite.read-connections", sqlite.getReadConnections(),
        () -> base.withReadConnections(sqlite.getReadConnections()));
    SqliteOptions withReads = options;
    options = PropertyCheck.property("kv.sqlite.busy-timeout", sqlite.getBusyTimeout(),
        () -> withReads.withBusyTimeout(sqlite.getBusyTimeout()));
    SqliteOptions withBusy = options;
    options = PropertyCheck.property("kv.sqlite.change-poll-interval", sqlite.getChangePollInterval(),
        () -> withBusy.withChangePollInterval(sqlite.getChangePollInterval()));
    SqliteOptions withPoll = options;
    return PropertyCheck.property("kv.sqlite.queue-reservation", sqlite.getQueueReservation(),
        () -> withPoll.withQueueReservation(sqlite.getQueueReservation()));
  }

  /** Fails with a message naming {@code kv.path} when the file cannot be created, read or written. */
  private static void checkUsable(Path file) {
    Path dir = file.getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.path", file, "The directory " + dir + " cannot be created (" + e + ").");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidConfigurationPropertyValueException("kv.path", file, "It is a directory, not a file.");
    }
    if (Files.exists(file)) {
      if (!Files.isReadable(file) || !Files.isWritable(file)) {
        throw new InvalidConfigurationPropertyValueException(
            "kv.path", file, "The SQLite file must be readable and writable.");
      }
    } else if (!Files.isWritable(dir)) {
      throw new InvalidConfigurationPropertyValueException(
          "kv.path", file, "The directory " + dir + " is not writable.");
    }
  }
}
