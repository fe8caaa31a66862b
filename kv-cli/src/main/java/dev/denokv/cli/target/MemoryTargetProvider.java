package dev.denokv.cli.target;

import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import org.jspecify.annotations.Nullable;

/** {@code --memory}: an empty database in memory, gone when the command ends. */
public final class MemoryTargetProvider implements TargetProvider {

  @Override
  public String optionName() {
    return "--memory";
  }

  @Override
  public @Nullable String paramLabel() {
    return null;
  }

  @Override
  public String description() {
    return "an in-memory database (gone when the command ends; useful with serve and import)";
  }

  @Override
  public Target target(String value, Credentials credentials) {
    return new Target() {
      @Override
      public Database open(boolean create) {
        return SqliteDatabase.inMemory();
      }

      @Override
      public String describe() {
        return "in-memory database";
      }
    };
  }
}
