package dev.denokv.cli.command;

import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.cli.transfer.Exporter;
import dev.denokv.cli.transfer.Progress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kv export}: entries as newline-delimited JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes entries as newline-delimited JSON in the form of @deno/kv-utils.",
        "The form is that of Deno's @deno/kv-utils exportEntries: one entry per line in key order, readable by its importEntries and by kv import.",
        "Every value Deno stores survives: bigint, Uint8Array, Date, KvU64, Map, Set, undefined, NaN, nesting."})
final class ExportCommand extends DatabaseCommand {

  @Mixin
  SelectorOptions selector;

  @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "write to this file (default: standard output)")
  @Nullable Path output;

  @Mixin
  ProgressOptions progressOptions;

  @Override
  protected void prepare() {
    selector.selector();
  }

  @Override
  protected boolean writes() {
    return false;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) throws IOException {
    ListSelector chosen = selector.selector();
    boolean bar = progressOptions.shown(context()) && output != null;
    Progress progress = bar ? Progress.onTerminal(err(), "export") : Progress.none();
    Exporter exporter = new Exporter(kv, progress);
    if (bar) {
      progress.expect(exporter.count(chosen), false);
    }
    long n;
    if (output == null) {
      n = exporter.export(chosen, out());
    } else {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8), 1 << 16)) {
        n = exporter.export(chosen, w);
      }
      err().println("kv: exported " + n + " entries to " + output);
    }
    return ExitCode.OK;
  }
}
