package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subcommands on a SQLite file. */
class SqliteFileCommandsTest extends CommandsContract {

  private final Cli cli = new Cli();

  private Path file() {
    return dir.resolve("data.sqlite3");
  }

  @BeforeEach
  void createDatabase() {
    SqliteDatabase.open(file()).close();
  }

  @Override
  String[] target() {
    return new String[] {"--path", file().toString()};
  }

  @Override
  Cli cli() {
    return cli;
  }

  @Override
  Database openBackingDatabase() {
    return SqliteDatabase.open(file());
  }

  @Test
  void progressBarsAreDrawnWhenAsked() throws Exception {
    assertThat(cli.run("set", "--path", file().toString(), "[\"p\"]", "1").exitCode()).isZero();
    Path export = dir.resolve("export.ndjson");

    Cli.Run exported = cli.run("export", "--path", file().toString(), "-o", export.toString(), "--progress");
    Cli.Run imported = cli.run("import", "--memory", export.toString(), "--progress");

    assertThat(exported.err()).startsWith("\rexport [########################] 100% 1 entries").contains("exported 1 entries to");
    assertThat(imported.err()).startsWith("\rimport [########################] 100% 1 entries");
    assertThat(imported.out()).isEqualTo("read 1, written 1, skipped 0\n");
  }

  @Test
  void readingAMissingFileIsUnavailable() {
    Cli.Run run = cli.run("list", "--path", dir.resolve("nothing.sqlite3").toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("kv: no database file at " + dir.resolve("nothing.sqlite3") + "\n");
  }

  @Test
  void withoutADatabaseOptionTheCommandSaysWhichToGive() {
    Cli.Run run = cli.run("get", "[\"a\"]");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("kv: no database given: use --path <file>, --memory, --url <url>, --postgres <jdbc-url>\n");
  }

  @Test
  void twoDatabaseOptionsAreRefused() {
    Cli.Run run = cli.run("get", "--memory", "--path", file().toString(), "[\"a\"]");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("choose one database");
  }
}
