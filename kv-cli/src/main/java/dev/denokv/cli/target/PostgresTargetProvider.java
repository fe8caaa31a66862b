package dev.denokv.cli.target;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.postgres.PostgresDatabase;
import dev.denokv.spi.Database;
import org.jspecify.annotations.Nullable;

/**
 * {@code --postgres <jdbc-url>}: a database of the PostgreSQL backend, in the schema {@code kv}. The
 * user and password come from the URL's parameters or from {@code PGUSER} and {@code PGPASSWORD},
 * as for PostgreSQL's own tools; messages show the URL without its parameters.
 */
public final class PostgresTargetProvider implements TargetProvider {

  @Override
  public String optionName() {
    return "--postgres";
  }

  @Override
  public @Nullable String paramLabel() {
    return "<jdbc-url>";
  }

  @Override
  public String description() {
    return "a PostgreSQL database (jdbc:postgresql://host:5432/db); user and password from the URL, "
        + "or PGUSER and PGPASSWORD";
  }

  @Override
  public Target target(String value, Credentials credentials) {
    if (!value.startsWith("jdbc:postgresql:")) {
      throw new CliException(ExitCode.USAGE, "a PostgreSQL URL starts with jdbc:postgresql://: " + shown(value));
    }
    return new Target() {
      @Override
      public Database open(boolean create) {
        return PostgresDatabase.builder()
            .url(value)
            .username(System.getenv("PGUSER"))
            .password(System.getenv("PGPASSWORD"))
            .poolSize(3)
            .build();
      }

      @Override
      public String describe() {
        return "PostgreSQL database " + shown(value);
      }
    };
  }

  /** The URL without its parameters, which may carry a password. */
  private static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
