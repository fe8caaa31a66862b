package dev.denokv.cli.command;

import dev.denokv.KvEntry;
import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.json.KvJsonWriter;
import dev.denokv.cli.notation.LiteralPrinter;
import dev.denokv.cli.target.Target;
import dev.denokv.key.KvKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv watch}: prints the entries at keys each time one changes. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"Prints the entries at keys now and whenever one of them changes.",
        "Up to 10 keys; runs until interrupted (Ctrl-C) or --count emissions were printed. Each emission prints one line",
        "per key: key, value (or 'undefined' when there is no entry) and versionstamp, tab-separated;",
        "with --json one line holding the array of entries."})
final class WatchCommand extends DatabaseCommand {

  @Parameters(arity = "1..10", paramLabel = "<key>", description = "key in Deno's notation")
  List<String> keys;

  @Option(names = "--json", description = "print each emission as a JSON array of entries in @deno/kv-utils' form")
  boolean json;

  @Option(names = "--count", paramLabel = "<n>", description = "stop after n emissions (the first included)")
  @Nullable Long count;

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
  protected ExitCode run(KvTemplate kv, Target target) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong emitted = new AtomicLong();
    try (KvSubscription ignored = kv.watch(parsed, Object.class, entries -> {
      if (done.isDone()) {
        return;
      }
      print(entries);
      if (count != null && emitted.incrementAndGet() >= count) {
        done.complete(null);
      }
    }, done::completeExceptionally)) {
      done.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new CliException(ExitCode.UNAVAILABLE, "the watch ended: " + e.getCause().getMessage(), e.getCause());
    }
    return ExitCode.OK;
  }

  private synchronized void print(List<KvEntry<Object>> entries) {
    if (json) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < entries.size(); i++) {
        KvEntry<Object> e = entries.get(i);
        sb.append(i > 0 ? "," : "").append(KvJsonWriter.entryMaybe(e.key(), e.value(), e.versionstamp()));
      }
      out().println(sb.append(']'));
    } else {
      for (KvEntry<Object> e : entries) {
        out().println(LiteralPrinter.key(e.key()) + "\t"
            + (e.exists() ? LiteralPrinter.value(e.value()) + "\t" + e.versionstamp().toHex() : "undefined\tnull"));
      }
    }
    out().flush();
  }
}
