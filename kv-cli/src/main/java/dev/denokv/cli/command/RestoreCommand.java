package dev.denokv.cli.command;

import dev.denokv.KvTemplate;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.transfer.ImportFailure;
import dev.denokv.cli.transfer.Importer;
import dev.denokv.cli.transfer.SqliteBackup;
import dev.denokv.KvLimits;
import dev.denokv.key.KvKey;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kv restore}: puts a backup back. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restores a backup made by kv backup.",
        "A SQLite backup restored into a SQLite file replaces its whole content with SQLite's backup API",
        "(after an integrity check of the backup). A JSON backup is imported, overwriting existing keys."})
final class RestoreCommand extends DatabaseCommand {

  @Parameters(index = "0", paramLabel = "<backup>", description = "the backup file")
  Path backup;

  @Mixin
  ProgressOptions progressOptions;

  @Mixin
  WriteOptions write;

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int valueFormatVersion() {
    return write.formatVersion();
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(backup)) {
      throw new CliException(ExitCode.USAGE, "no backup file " + backup);
    }
    Target target = target();
    Optional<Path> file = target.sqliteFile();
    if (file.isEmpty() || !SqliteBackup.isSqliteFile(backup)) {
      return super.call();
    }
    SqliteBackup.Copied copied = SqliteBackup.restore(backup, file.get(), progressOptions.create(context(), err(), "restore"));
    out().println("restored " + backup.toAbsolutePath() + " into " + file.get() + ": " + copied.entries() + " entries");
    out().flush();
    return ExitCode.OK.code();
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) throws Exception {
    if (SqliteBackup.isSqliteFile(backup)) {
      throw new CliException(ExitCode.USAGE, "a SQLite backup is restored into a SQLite file (--path); export it to JSON for "
          + target.describe());
    }
    Importer.Result result;
    try (BufferedReader in = Files.newBufferedReader(backup, StandardCharsets.UTF_8)) {
      result = new Importer(kv, true, KvKey.EMPTY, KvLimits.MAX_MUTATIONS,
          progressOptions.create(context(), err(), "restore")).run(in);
    } catch (ImportFailure e) {
      throw new CliException(ExitCode.DATA, "restore stopped at " + e.getMessage(), e);
    }
    out().println("restored " + result.written() + " entries into " + target.describe());
    return ExitCode.OK;
  }
}
