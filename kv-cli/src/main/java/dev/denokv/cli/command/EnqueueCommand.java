package dev.denokv.cli.command;

import dev.denokv.EnqueueOptions;
import dev.denokv.KvCommitResult;
import dev.denokv.KvTemplate;
import dev.denokv.cli.command.Arguments.ValueSyntax;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.key.KvKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv enqueue}: puts a message on the database's queue. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
    description = "Enqueues a message (a value, written as for set) and prints the versionstamp of the write.")
final class EnqueueCommand extends DatabaseCommand {

  @Parameters(index = "0", paramLabel = "<message>", description = "the message, a JavaScript literal")
  String message;

  @Option(names = "--json", description = "the message is JSON in @deno/kv-utils' form")
  boolean json;

  @Option(names = "--string", description = "the message is the text itself")
  boolean string;

  @Option(names = "--delay", paramLabel = "<duration>", description = "deliver after this long (ms, or 10s, 5m, 1h, 2d)")
  @Nullable String delay;

  @Option(names = "--keys-if-undelivered", paramLabel = "<key>",
      description = "where the message is stored if it cannot be delivered (repeatable)")
  List<String> keysIfUndelivered = new ArrayList<>();

  @Option(names = "--backoff-schedule", paramLabel = "<ms>", split = ",",
      description = "retry waits in milliseconds, e.g. 1000,5000,10000")
  @Nullable List<Long> backoffSchedule;

  @Mixin
  WriteOptions write;

  private Object value;

  @Override
  protected void prepare() {
    value = Arguments.value(message, json ? ValueSyntax.JSON : string ? ValueSyntax.STRING : ValueSyntax.LITERAL);
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
  protected ExitCode run(KvTemplate kv, Target target) {
    EnqueueOptions options = EnqueueOptions.defaults();
    if (delay != null) {
      options = options.withDelay(Arguments.duration(delay));
    }
    if (!keysIfUndelivered.isEmpty()) {
      options = options.withKeysIfUndelivered(keysIfUndelivered.stream().map(Arguments::key).toArray(KvKey[]::new));
    }
    if (backoffSchedule != null) {
      options = options.withBackoffSchedule(backoffSchedule.stream().map(Duration::ofMillis).toArray(Duration[]::new));
    }
    KvCommitResult result = kv.enqueue(value, options);
    out().println(result.versionstamp().toHex());
    return ExitCode.OK;
  }
}
