package dev.denokv.cli.command;

import dev.denokv.AtomicOperation;
import dev.denokv.EnqueueOptions;
import dev.denokv.KvCommitResult;
import dev.denokv.KvTemplate;
import dev.denokv.SumOptions;
import dev.denokv.Versionstamp;
import dev.denokv.cli.command.Arguments.ValueSyntax;
import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.json.KvJsonReader;
import dev.denokv.cli.notation.LiteralParser;
import dev.denokv.cli.notation.LiteralPrinter;
import dev.denokv.cli.target.Target;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsNumber;
import dev.denokv.value.KvU64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kv atomic}: checks and mutations committed together. */
@Command(name = "atomic", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Commits checks and mutations as one atomic operation.",
        "Prints the versionstamp; a failed check commits nothing and exits with code 1. Operations apply in the order given.",
        "Example: kv atomic --path data.sqlite3 --check '[\"users\", 1]=null' --set '[\"users\", 1]={ name: \"Ada\" }' --sum '[\"count\"]=1n'",
        "With --file, the operation is read as JSON (keys and values in @deno/kv-utils' form):",
        "{\"checks\": [{\"key\": [...], \"versionstamp\": \"…\" | null}],",
        " \"mutations\": [{\"type\": \"set\" | \"delete\" | \"sum\" | \"min\" | \"max\", \"key\": [...], \"value\": {...}, \"expireIn\": ms}],",
        " \"enqueues\": [{\"value\": {...}, \"delay\": ms}]}"})
final class AtomicCommand extends DatabaseCommand {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Consumer<AtomicOperation>> operations = new ArrayList<>();
  private final List<KvKey> checkedKeys = new ArrayList<>();
  private final List<String[]> given = new ArrayList<>();

  @Option(names = "--check", paramLabel = "<key>=<versionstamp|null>", order = 10, description = "the entry at key has this versionstamp (null: there is no entry)")
  void recordCheck(String text) {
    given.add(new String[] {"check", text});
  }

  @Option(names = "--set", paramLabel = "<key>=<value>", order = 11, description = "store a value (a JavaScript literal)")
  void recordSet(String text) {
    given.add(new String[] {"set", text});
  }

  @Option(names = "--delete", paramLabel = "<key>", order = 12, description = "delete an entry")
  void recordDelete(String text) {
    given.add(new String[] {"delete", text});
  }

  @Option(names = "--sum", paramLabel = "<key>=<n>", order = 13, description = "add to a KvU64 (5n) or a number")
  void recordSum(String text) {
    given.add(new String[] {"sum", text});
  }

  @Option(names = "--min", paramLabel = "<key>=<n>", order = 14, description = "keep the smaller KvU64 (5n)")
  void recordMin(String text) {
    given.add(new String[] {"min", text});
  }

  @Option(names = "--max", paramLabel = "<key>=<n>", order = 15, description = "keep the larger KvU64 (5n)")
  void recordMax(String text) {
    given.add(new String[] {"max", text});
  }

  @Option(names = "--enqueue", paramLabel = "<message>", order = 16, description = "enqueue a message (a JavaScript literal)")
  void recordEnqueue(String text) {
    given.add(new String[] {"enqueue", text});
  }


  private void parseCheck(String spec) {
    LiteralParser.KeyAndText kt = keyAndText(spec);
    String stamp = kt.rest().replace("\"", "").replace("'", "");
    Versionstamp versionstamp = stamp.equals("null") ? null : versionstamp(stamp);
    checkedKeys.add(kt.key());
    operations.add(op -> op.check(kt.key(), versionstamp));
  }

  private void parseSet(String spec) {
    LiteralParser.KeyAndText kt = keyAndText(spec);
    Object value = Arguments.value(kt.rest(), ValueSyntax.LITERAL);
    operations.add(op -> op.set(kt.key(), value));
  }

  private void parseDelete(String key) {
    KvKey k = Arguments.key(key);
    operations.add(op -> op.delete(k));
  }

  private void parseSum(String spec) {
    LiteralParser.KeyAndText kt = keyAndText(spec);
    Object operand = Arguments.value(kt.rest(), ValueSyntax.LITERAL);
    if (operand instanceof JsNumber n) {
      operations.add(op -> op.sum(kt.key(), n.value(), SumOptions.defaults()));
    } else {
      KvU64 u = u64(operand, "--sum");
      operations.add(op -> op.sum(kt.key(), u));
    }
  }

  private void parseMin(String spec) {
    LiteralParser.KeyAndText kt = keyAndText(spec);
    KvU64 u = u64(Arguments.value(kt.rest(), ValueSyntax.LITERAL), "--min");
    operations.add(op -> op.min(kt.key(), u));
  }

  private void parseMax(String spec) {
    LiteralParser.KeyAndText kt = keyAndText(spec);
    KvU64 u = u64(Arguments.value(kt.rest(), ValueSyntax.LITERAL), "--max");
    operations.add(op -> op.max(kt.key(), u));
  }

  private void parseEnqueue(String message) {
    Object value = Arguments.value(message, ValueSyntax.LITERAL);
    operations.add(op -> op.enqueue(value));
  }

  @Option(names = "--file", paramLabel = "<file|->", order = 17, description = "read the operation as JSON from a file or - (standard input)")
  @Nullable String file;

  @Mixin
  WriteOptions write;

  @Override
  protected void prepare() {
    write.formatVersion();
    for (String[] g : given) {
      switch (g[0]) {
        case "check" -> parseCheck(g[1]);
        case "set" -> parseSet(g[1]);
        case "delete" -> parseDelete(g[1]);
        case "sum" -> parseSum(g[1]);
        case "min" -> parseMin(g[1]);
        case "max" -> parseMax(g[1]);
        default -> parseEnqueue(g[1]);
      }
    }
    if (file != null) {
      try {
        readFile();
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
      }
    }
    if (operations.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "nothing to commit: give --check, --set, --delete, --sum, --min, --max, --enqueue or --file");
    }
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
    AtomicOperation op = kv.atomic();
    operations.forEach(o -> o.accept(op));
    KvCommitResult result = op.commit();
    if (!result.ok()) {
      String failed = result.failedChecks().isEmpty() || checkedKeys.isEmpty()
          ? "a check failed"
          : "check failed: " + result.failedChecks().stream()
              .filter(i -> i < checkedKeys.size())
              .map(i -> LiteralPrinter.key(checkedKeys.get(i)))
              .reduce((a, b) -> a + ", " + b).orElse("");
      err().println("kv: " + failed + "; nothing was committed");
      return ExitCode.NOT_FOUND;
    }
    out().println(result.versionstamp().toHex());
    return ExitCode.OK;
  }

  private void readFile() throws IOException {
    String text = "-".equals(file)
        ? new String(context().stdin().readAllBytes(), StandardCharsets.UTF_8)
        : Files.readString(Path.of(file));
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new CliException(ExitCode.USAGE, "bad JSON in " + file + ": " + e.getOriginalMessage());
    }
    try {
      for (JsonNode c : root.path("checks")) {
        KvKey key = KvJsonReader.key(c.path("key").toString());
        JsonNode stamp = c.path("versionstamp");
        Versionstamp versionstamp = stamp.isString() ? versionstamp(stamp.stringValue()) : null;
        checkedKeys.add(key);
        operations.add(op -> op.check(key, versionstamp));
      }
      for (JsonNode m : root.path("mutations")) {
        KvKey key = KvJsonReader.key(m.path("key").toString());
        String type = m.path("type").asString("");
        switch (type) {
          case "set" -> {
            Object value = KvJsonReader.value(m.path("value").toString());
            if (m.path("expireIn").isNumber()) {
              Duration expireIn = Duration.ofMillis(m.path("expireIn").asLong());
              operations.add(op -> op.set(key, value, expireIn));
            } else {
              operations.add(op -> op.set(key, value));
            }
          }
          case "delete" -> operations.add(op -> op.delete(key));
          case "sum", "min", "max" -> {
            KvU64 u = u64(KvJsonReader.value(m.path("value").toString()), type);
            operations.add(op -> {
              switch (type) {
                case "sum" -> op.sum(key, u);
                case "min" -> op.min(key, u);
                default -> op.max(key, u);
              }
            });
          }
          default -> throw new CliException(ExitCode.USAGE, "unknown mutation type \"" + type + "\" in " + file);
        }
      }
      for (JsonNode q : root.path("enqueues")) {
        Object value = KvJsonReader.value(q.path("value").toString());
        EnqueueOptions options = EnqueueOptions.defaults();
        if (q.path("delay").isNumber()) {
          options = options.withDelay(Duration.ofMillis(q.path("delay").asLong()));
        }
        EnqueueOptions chosen = options;
        operations.add(op -> op.enqueue(value, chosen));
      }
    } catch (KvInvalidArgumentException e) {
      throw new CliException(ExitCode.USAGE, "bad operation in " + file + ": " + e.getMessage());
    }
  }

  private static LiteralParser.KeyAndText keyAndText(String spec) {
    try {
      return LiteralParser.keyThenValue(spec);
    } catch (KvInvalidArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage() + " in " + spec);
    }
  }

  private static Versionstamp versionstamp(String hex) {
    try {
      return Versionstamp.parse(hex);
    } catch (RuntimeException e) {
      throw new CliException(ExitCode.USAGE, "bad versionstamp '" + hex + "': 20 hexadecimal digits or null");
    }
  }

  private static KvU64 u64(Object operand, String option) {
    if (operand instanceof KvU64 u) {
      return u;
    }
    if (operand instanceof JsBigInt b) {
      try {
        return KvU64.of(b.value());
      } catch (RuntimeException e) {
        throw new CliException(ExitCode.USAGE, option + " takes a KvU64 from 0n to 2n ** 64n - 1n");
      }
    }
    throw new CliException(ExitCode.USAGE, option + " takes a KvU64, written as a bigint such as 5n");
  }
}
