package dev.denokv.cli.command;

import dev.denokv.Consistency;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.json.KvJsonWriter;
import dev.denokv.cli.notation.LiteralPrinter;
import dev.denokv.cli.target.Target;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kv list}: prints entries in key order. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Prints entries in key order: the key and the value, separated by a tab.",
        "With --limit, the cursor to continue from is printed on standard error once the page is full."})
final class ListCommand extends DatabaseCommand {

  @Mixin
  SelectorOptions selector;

  @Option(names = "--limit", paramLabel = "<n>", description = "print at most n entries")
  @Nullable Integer limit;

  @Option(names = "--reverse", description = "descending key order")
  boolean reverse;

  @Option(names = "--cursor", paramLabel = "<cursor>", description = "continue where a listing with --limit stopped")
  @Nullable String cursor;

  @Option(names = "--keys-only", description = "print the keys only")
  boolean keysOnly;

  @Option(names = "--json", description = "print entries in @deno/kv-utils' JSON form, one per line")
  boolean json;

  @Option(names = "--eventual", description = "eventually consistent reads")
  boolean eventual;

  @Override
  protected void prepare() {
    selector.selector();
  }

  @Override
  protected boolean writes() {
    return false;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) {
    ListOptions options = ListOptions.defaults().withReverse(reverse).withCursor(cursor)
        .withConsistency(eventual ? Consistency.EVENTUAL : Consistency.STRONG);
    if (limit != null) {
      options = options.withLimit(limit);
    }
    KvList<Object> list = kv.list(selector.selector(), Object.class, options);
    int printed = 0;
    for (KvEntry<Object> e : list) {
      if (json) {
        out().println(KvJsonWriter.entry(e.key(), e.value(), e.versionstamp()));
      } else if (keysOnly) {
        out().println(LiteralPrinter.key(e.key()));
      } else {
        out().println(LiteralPrinter.key(e.key()) + "\t" + LiteralPrinter.value(e.value()));
      }
      printed++;
    }
    if (limit != null && printed == limit) {
      out().flush();
      err().println("cursor: " + list.cursor());
    }
    return ExitCode.OK;
  }
}
