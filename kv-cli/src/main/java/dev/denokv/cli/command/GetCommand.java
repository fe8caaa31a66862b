package dev.denokv.cli.command;

import dev.denokv.Consistency;
import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.json.KvJsonWriter;
import dev.denokv.cli.notation.LiteralPrinter;
import dev.denokv.cli.target.Target;
import dev.denokv.key.KvKey;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv get}: prints the values at keys. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"Prints the value at each key, one per line, as a JavaScript literal (or as JSON).",
        "A key without an entry prints nothing and is reported on standard error (exit code 1)."})
final class GetCommand extends DatabaseCommand {

  @Parameters(arity = "1..*", paramLabel = "<key>", description = "key in Deno's notation, e.g. '[\"users\", 1n]'")
  List<String> keys;

  @Option(names = "--json", description = "print each entry in @deno/kv-utils' JSON form (missing ones with null value)")
  boolean json;

  @Option(names = "--eventual", description = "an eventually consistent read")
  boolean eventual;

  private List<KvKey> parsed;

  @Override
  protected void prepare() {
    parsed = keys.stream().map(Arguments::key).toList();
  }

  @Override
  protected boolean writes() {
    return false;
  }

  @Override
  protected ExitCode run(KvTemplate kv, Target target) {
    List<KvEntry<Object>> entries = new java.util.ArrayList<>();
    for (int from = 0; from < parsed.size(); from += dev.denokv.KvLimits.MAX_READ_RANGES) {
      entries.addAll(kv.getMany(parsed.subList(from, Math.min(parsed.size(), from + dev.denokv.KvLimits.MAX_READ_RANGES)),
          Object.class, eventual ? Consistency.EVENTUAL : Consistency.STRONG));
    }
    ExitCode code = ExitCode.OK;
    for (KvEntry<Object> e : entries) {
      if (json) {
        out().println(KvJsonWriter.entryMaybe(e.key(), e.value(), e.versionstamp()));
      } else if (e.exists()) {
        out().println(LiteralPrinter.value(e.value()));
      }
      if (!e.exists()) {
        err().println("kv: no entry at " + LiteralPrinter.key(e.key()));
        code = ExitCode.NOT_FOUND;
      }
    }
    return code;
  }
}
