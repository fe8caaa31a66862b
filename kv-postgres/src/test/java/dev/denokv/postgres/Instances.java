package dev.denokv.postgres;

import dev.denokv.postgres.testing.PostgresCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens database instances on the module's shared cluster, each schema fresh unless reused. */
final class Instances {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private Instances() {}

  static String newSchema() {
    return "it_" + SCHEMAS.incrementAndGet();
  }

  /** Quick queue timings, so that redelivery after a consumer died takes about a second. */
  static PostgresOptions quick(String schema) {
    return PostgresOptions.defaults().withSchema(schema)
        .withQueueReservation(Duration.ofMillis(900))
        .withStaleMessageCheckInterval(Duration.ofMillis(200))
        .withSweepInterval(Duration.ofMillis(200));
  }

  static PostgresDatabase open(String url, String schema) {
    return open(url, quick(schema));
  }

  static PostgresDatabase open(String url, PostgresOptions options) {
    return PostgresDatabase.builder().url(url).poolSize(6).options(options).build();
  }

  static PostgresDatabase open(String schema) {
    return open(PostgresConformanceTest.url(), schema);
  }

  static PostgresCluster cluster() {
    return PostgresCluster.shared();
  }
}
