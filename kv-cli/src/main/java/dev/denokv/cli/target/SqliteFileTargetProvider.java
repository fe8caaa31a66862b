package dev.denokv.cli.target;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@code --path <file>}: a SQLite file in Deno's schema, written by Deno or by this project. */
public final class SqliteFileTargetProvider implements TargetProvider {

  @Override
  public String optionName() {
    return "--path";
  }

  @Override
  public @Nullable String paramLabel() {
    return "<file>";
  }

  @Override
  public String description() {
    return "a SQLite database file (Deno's or this project's)";
  }

  @Override
  public Target target(String value, Credentials credentials) {
    Path file = Path.of(value).toAbsolutePath().normalize();
    return new Target() {
      @Override
      public Database open(boolean create) {
        if (!Files.exists(file)) {
          if (!create) {
            throw new CliException(ExitCode.UNAVAILABLE, "no database file at " + file);
          }
          if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new CliException(ExitCode.UNAVAILABLE, "no directory " + file.getParent() + " for the database file");
          }
        } else if (Files.isDirectory(file)) {
          throw new CliException(ExitCode.UNAVAILABLE, file + " is a directory, not a database file");
        }
        return SqliteDatabase.open(file);
      }

      @Override
      public Optional<Path> sqliteFile() {
        return Optional.of(file);
      }

      @Override
      public String describe() {
        return "SQLite file " + file;
      }
    };
  }
}
