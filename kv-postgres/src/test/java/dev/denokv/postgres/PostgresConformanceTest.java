package dev.denokv.postgres;

import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.spi.Database;
import dev.denokv.spi.conformance.DatabaseConformance;
import dev.denokv.testing.MutableClock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend conformance suite against a real PostgreSQL server: one throwaway cluster and
 * database for the module's tests, a fresh schema per test. The database reads a clock the suite
 * moves forward, so expiry and delayed messages are tested without waiting for them.
 */
class PostgresConformanceTest extends DatabaseConformance {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static String url;

  private final MutableClock clock = MutableClock.followingSystem();

  static synchronized String url() {
    if (url == null) {
      url = PostgresCluster.shared().createDatabase();
    }
    return url;
  }

  @Override
  protected Database openDatabase() {
    return PostgresDatabase.builder().url(url()).poolSize(5)
        .options(PostgresOptions.defaults().withSchema("conformance_" + SCHEMAS.incrementAndGet()).withClock(clock))
        .build();
  }

  @Override
  protected MutableClock clock() {
    return clock;
  }
}
