package dev.denokv.cli.command;

import dev.denokv.ListSelector;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.key.KvKey;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which entries a listing covers, as in Deno's {@code KvListSelector}. */
public final class SelectorOptions {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<prefix>",
      description = "key prefix in Deno's notation, e.g. '[\"users\"]' (default: every key)")
  @Nullable String prefix;

  @Option(names = "--start", paramLabel = "<key>", description = "first key (inclusive)")
  @Nullable String start;

  @Option(names = "--end", paramLabel = "<key>", description = "key to stop before (exclusive)")
  @Nullable String end;

  /** The selector; every key when nothing is given. */
  ListSelector selector() {
    KvKey p = prefix == null ? null : Arguments.key(prefix);
    KvKey s = start == null ? null : Arguments.key(start);
    KvKey e = end == null ? null : Arguments.key(end);
    if (p != null && s != null && e != null) {
      throw new CliException(ExitCode.USAGE, "give a prefix with --start or --end, not both");
    }
    if (p == null && s != null && e != null) {
      return ListSelector.range(s, e);
    }
    KvKey base = p == null ? KvKey.EMPTY : p;
    if (s != null) {
      return ListSelector.prefix(base, s);
    }
    if (e != null) {
      return ListSelector.prefixUntil(base, e);
    }
    return ListSelector.prefix(base);
  }
}
