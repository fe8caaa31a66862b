package dev.denokv.cli.command;

import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.transfer.Exporter;
import dev.denokv.cli.transfer.SqliteBackup;
import dev.denokv.key.KvKey;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kv backup}: a consistent copy of a live database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Copies a live database, consistently, while applications keep writing to it.",
        "A SQLite file is copied with SQLite's online backup API inside one read transaction (the copy is",
        "the database as of one commit), checked with PRAGMA integrity_check, then moved into place.",
        "Other databases are exported to <destination> as newline-delimited JSON (see export), each page",
        "of 1000 entries read in one snapshot."})
final class BackupCommand extends DatabaseCommand {

  @Parameters(index = "0", paramLabel = "<destination>", description = "the file to write")
  Path destination;

  @Mixin
  ProgressOptions progressOptions;

  @Override
  protected boolean writes() {
    return false;
  }

  @Override
  public Integer call() throws Exception {
    Target target = target();
    Optional<Path> file = target.sqliteFile();
    if (file.isEmpty()) {
      return super.call();
    }
    if (Files.isDirectory(destination)) {
      throw new CliException(ExitCode.USAGE, destination + " is a directory; give the backup file's name");
    }
    SqliteBackup.Copied copied = SqliteBackup.backup(file.get(), destination, progressOptions.create(context(), err(), "backup"));
    out().println("backup of " + file.get() + " written to " + destination.toAbsolutePath() + ": "
        + copied.entries() + " entries, " + copied.pages() + " pages, integrity check ok");
    out().flush();
    return ExitCode.OK.code();
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) throws Exception {
    long n;
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(destination, StandardCharsets.UTF_8), 1 << 16)) {
      n = new Exporter(kv,
          progressOptions.create(context(), err(), "backup")).export(ListSelector.prefix(KvKey.EMPTY), w);
    }
    out().println("backup of " + target.describe() + " exported to " + destination.toAbsolutePath() + ": " + n + " entries");
    return ExitCode.OK;
  }
}
