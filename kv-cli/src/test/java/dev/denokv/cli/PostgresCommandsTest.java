package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.postgres.testing.PostgresCluster;
import dev.denokv.spi.Database;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The subcommands on a database of the PostgreSQL backend, in a real PostgreSQL server. */
class PostgresCommandsTest extends CommandsContract {

  private static String url;
  private static PostgresDatabase database;

  private final Cli cli = new Cli(Map.of());

  @BeforeAll
  static void openDatabase() {
    url = PostgresCluster.shared().createDatabase();
    database = PostgresDatabase.builder().url(url).poolSize(4).build();
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @Override
  String[] target() {
    return new String[] {"--postgres", url};
  }

  @Override
  Cli cli() {
    return cli;
  }

  @Override
  Database openBackingDatabase() {
    return new SqliteDatabaseView(database);
  }

  @Test
  void messagesNameTheDatabaseWithoutTheUrlsParameters() {
    String withPassword = url + "&password=s3cret";
    Cli.Run run = cli.run("get", "--postgres", withPassword.replace("/kv_test", "/no_such_db"), key("\"k\""));
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).doesNotContain("s3cret");
  }

  @Test
  void aUrlThatIsNotPostgresIsAUsageError() {
    Cli.Run run = cli.run("get", "--postgres", "jdbc:mysql://localhost/db", key("\"k\""));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("jdbc:postgresql://");
  }
}
