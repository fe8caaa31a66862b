package dev.denokv.cli.command;

import dev.denokv.KvLimits;
import dev.denokv.KvTemplate;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.transfer.ImportFailure;
import dev.denokv.cli.transfer.Importer;
import dev.denokv.cli.transfer.Progress;
import dev.denokv.key.KvKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv import}: entries from newline-delimited JSON. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Stores entries from newline-delimited JSON in @deno/kv-utils' form.",
        "Entries are written in atomic batches within the backend's limits. Existing keys are skipped unless --overwrite; an interrupted",
        "import can be run again. Prints how many entries were read, written and skipped."})
final class ImportCommand extends DatabaseCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<file>", description = "the file to read, or - (default) for standard input")
  @Nullable String input;

  @Option(names = "--overwrite", description = "replace existing entries (default: keep them and skip those lines)")
  boolean overwrite;

  @Option(names = "--prefix", paramLabel = "<key>", description = "prepend this key prefix to every imported key")
  @Nullable String prefix;

  @Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "1000",
      description = "most entries per atomic write (default ${DEFAULT-VALUE}; at most 100 without --overwrite)")
  int batchSize;

  @Mixin
  ProgressOptions progressOptions;

  @Mixin
  WriteOptions write;

  @Override
  protected void prepare() {
    if (prefix != null) {
      Arguments.key(prefix);
    }
    write.formatVersion();
  }

  @Override
  protected boolean writes() {
    return true;
  }

  @Override
  protected int valueFormatVersion() {
    return write.formatVersion();
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) throws IOException {
    KvKey base = prefix == null ? KvKey.EMPTY : Arguments.key(prefix);
    boolean fromStdin = input == null || "-".equals(input);
    Progress progress = progressOptions.shown(context()) && !fromStdin ? Progress.onTerminal(err(), "import") : Progress.none();
    Importer.Result result;
    try (BufferedReader in = fromStdin
        ? new BufferedReader(new InputStreamReader(context().stdin(), StandardCharsets.UTF_8), 1 << 16)
        : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
      if (!fromStdin) {
        progress.expect(Files.size(Path.of(input)), true);
      }
      result = new Importer(kv, overwrite, base, Math.min(batchSize, KvLimits.MAX_MUTATIONS), progress).run(in);
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCode.USAGE, "no file " + input);
    } catch (ImportFailure e) {
      throw new CliException(ExitCode.DATA, "import stopped at " + e.getMessage()
          + " (the lines before it are stored; the import can be run again)", e);
    }
    out().println("read " + result.read() + ", written " + result.written() + ", skipped " + result.skipped());
    return ExitCode.OK;
  }
}
