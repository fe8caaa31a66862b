package dev.denokv.boot.autoconfigure.postgres;

import dev.denokv.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of a PostgreSQL database: up while the primary answers; with a replica, its replay
 * lag (the age of the last replayed transaction, or 0 when it has replayed everything it
 * received) and down when the replica cannot be reached.
 */
public final class PostgresHealthIndicator extends AbstractHealthIndicator {

  private final PostgresDatabase database;

  public PostgresHealthIndicator(PostgresDatabase database) {
    super("Deno KV health check failed");
    this.database = database;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    builder.withDetail("backend", "postgres")
        .withDetail("schema", database.options().schema())
        .withDetail("databaseId", database.databaseId().toString());
    try (Connection c = database.primaryDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
      rs.next();
      builder.withDetail("primary", rs.getBoolean(1) ? "in recovery" : "up");
    }
    if (!database.hasReplica()) {
      builder.up();
      return;
    }
    try (Connection c = database.replicaDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
            + " then 0 else extract(epoch from now() - pg_last_xact_replay_timestamp()) end")) {
      rs.next();
      double lag = rs.getDouble(1);
      builder.up().withDetail("replica", "up").withDetail("replicaLagSeconds", lag);
    } catch (SQLException e) {
      builder.down().withDetail("replica", "unreachable: " + e.getMessage());
    }
  }
}
