package dev.denokv.cli.command;

import dev.denokv.KvTemplate;
import dev.denokv.Versionstamp;
import dev.denokv.cli.command.Arguments.ValueSyntax;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.target.Target;
import dev.denokv.key.KvKey;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kv set}: stores a value. */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = {"Stores a value at a key and prints the new versionstamp.",
        "The value is a JavaScript literal: '\"text\"', 42, 10n, true, null, '{ name: \"Ada\" }', '[1, 2]',",
        "'new Date(\"2024-01-01T00:00:00Z\")', 'new Map([[\"a\", 1]])', 'new Set([1])', 'new Uint8Array([1, 2])',",
        "'new Deno.KvU64(5n)'; or JSON in @deno/kv-utils' form with --json; or any text with --string."})
final class SetCommand extends DatabaseCommand {

  @Parameters(index = "0", paramLabel = "<key>", description = "key in Deno's notation")
  String key;

  @Parameters(index = "1", paramLabel = "<value>", description = "the value")
  String value;

  @Option(names = "--json", description = "the value is JSON in @deno/kv-utils' form, e.g. '{\"type\":\"bigint\",\"value\":\"5\"}'")
  boolean json;

  @Option(names = "--string", description = "the value is the text itself, stored as a string")
  boolean string;

  @Option(names = "--expire-in", paramLabel = "<duration>", description = "expire after this long (ms, or 10s, 5m, 1h, 2d)")
  @Nullable String expireIn;

  @Mixin
  WriteOptions write;

  private KvKey k;
  private Object v;

  @Override
  protected void prepare() {
    k = Arguments.key(key);
    v = Arguments.value(value, json ? ValueSyntax.JSON : string ? ValueSyntax.STRING : ValueSyntax.LITERAL);
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
    Versionstamp stamp = expireIn == null ? kv.set(k, v) : kv.set(k, v, Arguments.duration(expireIn));
    out().println(stamp.toHex());
    return ExitCode.OK;
  }
}
