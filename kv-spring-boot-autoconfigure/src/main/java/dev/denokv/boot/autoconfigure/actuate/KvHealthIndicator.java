package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.Consistency;
import dev.denokv.spi.Database;
import dev.denokv.spi.ReadRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the Deno KV database. A remote database is up while its KV Connect metadata can be
 * fetched and is valid (details: database id, expiry); an embedded one while a read succeeds and its
 * file is writable.
 */
public final class KvHealthIndicator extends AbstractHealthIndicator {

  private static final ReadRange PROBE = new ReadRange(new byte[] {0}, new byte[] {1}, 1, false);

  private final Database database;
  private final @Nullable Path sqliteFile;
  private final Clock clock;

  /** The health of {@code database}; {@code sqliteFile} is its file when it is an embedded file database. */
  public KvHealthIndicator(Database database, @Nullable Path sqliteFile, Clock clock) {
    super("Deno KV health check failed");
    this.database = database;
    this.sqliteFile = sqliteFile;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (RemoteHealth.applies(database)) {
      RemoteHealth.contribute(database, builder, clock);
      return;
    }
    database.snapshotRead(List.of(PROBE), Consistency.STRONG);
    if (sqliteFile == null) {
      builder.up().withDetail("backend", "embedded");
      return;
    }
    builder.withDetail("backend", "embedded").withDetail("path", sqliteFile.toString());
    if (Files.isWritable(sqliteFile)) {
      builder.up();
    } else {
      builder.down().withDetail("reason", "the SQLite file is not writable");
    }
  }
}
