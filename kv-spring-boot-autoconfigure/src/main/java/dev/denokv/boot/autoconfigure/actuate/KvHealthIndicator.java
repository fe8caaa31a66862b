package dev.denokv.boot.autoconfigure.actuate;

import dev.denokv.Consistency;
import dev.denokv.spi.Database;
import dev.denokv.spi.ReadRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of the Deno KV database, checked with a cheap read (an empty range of the key space)
 * that really reaches the database: for a remote database the server, which is
 * then UP with its database id, protocol version and metadata expiry; for an embedded one the
 * SQLite file, which must also be writable. A failed read is DOWN with the reason. The result is
 * kept for {@code cacheTime}, so that frequent health requests do not each reach the database.
 */
public final class KvHealthIndicator implements HealthIndicator {

  /**
   * The first entry of the whole key space, bounded as Deno bounds {@code list({ prefix: [] })}, so
   * that every server accepts the range.
   */
  private static final ReadRange PROBE = new ReadRange(new byte[] {0}, new byte[] {(byte) 0xff}, 1, false);

  private final Database database;
  private final @Nullable Path sqliteFile;
  private final Clock clock;
  private final Duration cacheTime;
  private @Nullable Health last;
  private @Nullable Instant checkedAt;

  /**
   * The health of {@code database}; {@code sqliteFile} is its file when it is an embedded file
   * database; a result is reused for {@code cacheTime}.
   */
  public KvHealthIndicator(Database database, @Nullable Path sqliteFile, Clock clock, Duration cacheTime) {
    this.database = database;
    this.sqliteFile = sqliteFile;
    this.clock = clock;
    this.cacheTime = cacheTime;
  }

  @Override
  public synchronized Health health(boolean includeDetails) {
    Instant now = clock.instant();
    if (last == null || checkedAt == null || !now.isBefore(checkedAt.plus(cacheTime))) {
      last = check();
      checkedAt = clock.instant();
    }
    return includeDetails ? last : Health.status(last.getStatus()).build();
  }

  @Override
  public @Nullable Health health() {
    return health(true);
  }

  private Health check() {
    Health.Builder builder = new Health.Builder();
    boolean remote = RemoteHealth.applies(database);
    builder.withDetail("backend", remote ? "remote" : "embedded");
    if (sqliteFile != null) {
      builder.withDetail("path", sqliteFile.toString());
    }
    try {
      database.snapshotRead(List.of(PROBE), Consistency.STRONG);
    } catch (RuntimeException e) {
      return builder.status(Status.DOWN).withDetail("reason", reason(e)).build();
    }
    if (remote) {
      RemoteHealth.contribute(database, builder, clock);
    } else if (sqliteFile != null && !Files.isWritable(sqliteFile)) {
      builder.down().withDetail("reason", "the SQLite file is not writable");
    } else {
      builder.up();
    }
    return builder.build();
  }

  /** What went wrong, without the stack: the exception's type and message (which never hold the access token). */
  private static String reason(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
