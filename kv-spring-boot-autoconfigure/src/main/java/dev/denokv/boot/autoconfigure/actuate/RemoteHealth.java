package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.remote.DatabaseMetadata;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.spi.Database;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.ClassUtils;

/**
 * The remote backend's part of the health check, kept apart so that the indicator loads without
 * the {@code kv-remote} module on the class path.
 */
final class RemoteHealth {

  private static final boolean REMOTE_PRESENT =
      ClassUtils.isPresent("dev.denokv.remote.RemoteDatabase", RemoteHealth.class.getClassLoader());

  private RemoteHealth() {}

  static boolean applies(Database database) {
    return REMOTE_PRESENT && database instanceof RemoteDatabase;
  }

  static void contribute(Database database, Health.Builder builder, Clock clock) {
    DatabaseMetadata metadata = ((RemoteDatabase) database).metadata();
    builder.withDetail("databaseId", metadata.databaseId().toString())
        .withDetail("protocolVersion", metadata.version())
        .withDetail("expiresAt", metadata.expiresAt().toString());
    if (metadata.isValidAt(clock.instant())) {
      builder.up();
    } else {
      builder.down().withDetail("reason", "the KV Connect metadata has expired");
    }
  }
}
