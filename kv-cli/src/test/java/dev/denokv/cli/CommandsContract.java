package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data subcommand driven as a user would (arguments in; standard output, standard error and
 * exit code out) against a real database: a SQLite file, or the project's KV Connect server.
 */
abstract class CommandsContract {

  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Pattern VERSIONSTAMP = Pattern.compile("[0-9a-f]{20}");

  @TempDir
  Path dir;

  /** The options choosing the database under test. */
  abstract String[] target();

  abstract Cli cli();

  /** The database the command line works on, opened in the test for checks from the outside. */
  abstract Database openBackingDatabase();

  /** A key prefix of this test's own, so tests sharing a database do not meet. */
  final String ns = "t" + NAMESPACES.incrementAndGet();

  Cli.Run kv(String command, String... args) {
    return cli().run(args(command, args));
  }

  String[] args(String command, String... args) {
    return Stream.of(new String[] {command}, target(), args).flatMap(Stream::of).toArray(String[]::new);
  }

  String key(String rest) {
    return "[\"" + ns + "\"" + (rest.isEmpty() ? "" : ", " + rest) + "]";
  }

  @Test
  void setGetAndDelete() {
    Cli.Run set = kv("set", key("\"ada\""), "{ name: \"Ada\", n: 1n, at: new Date(\"2024-01-31T12:00:00.000Z\") }");
    assertThat(set.exitCode()).as(set.err()).isZero();
    assertThat(set.line()).matches(VERSIONSTAMP);

    assertThat(kv("get", key("\"ada\"")).out())
        .isEqualTo("{ name: \"Ada\", n: 1n, at: new Date(\"2024-01-31T12:00:00.000Z\") }\n");
    assertThat(kv("get", key("\"ada\""), "--json").line())
        .startsWith("{\"key\":[{\"type\":\"string\",\"value\":\"" + ns + "\"},{\"type\":\"string\",\"value\":\"ada\"}],")
        .contains("\"n\":{\"type\":\"bigint\",\"value\":\"1\"}")
        .endsWith("\"versionstamp\":\"" + set.line() + "\"}");
    assertThat(kv("set", key("\"text\""), "plain words", "--string").exitCode()).isZero();
    assertThat(kv("get", key("\"text\"")).line()).isEqualTo("\"plain words\"");

    Cli.Run delete = kv("delete", key("\"ada\""), key("\"text\""));
    assertThat(delete.exitCode()).isZero();
    Cli.Run missing = kv("get", key("\"ada\""));
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).isEqualTo("kv: no entry at " + key("\"ada\"") + "\n");
  }

  @Test
  void listPagesWithCursorsAndCounts() {
    for (int i = 0; i < 5; i++) {
      assertThat(kv("set", key(i + "n"), Integer.toString(i * 10)).exitCode()).isZero();
    }

    assertThat(kv("list", key("")).out()).isEqualTo(
        key("0n") + "\t0\n" + key("1n") + "\t10\n" + key("2n") + "\t20\n" + key("3n") + "\t30\n" + key("4n") + "\t40\n");
    Cli.Run page = kv("list", key(""), "--limit", "2", "--keys-only");
    assertThat(page.out()).isEqualTo(key("0n") + "\n" + key("1n") + "\n");
    assertThat(page.err()).startsWith("cursor: ");
    String cursor = page.err().strip().substring("cursor: ".length());
    assertThat(kv("list", key(""), "--limit", "2", "--keys-only", "--cursor", cursor).out())
        .isEqualTo(key("2n") + "\n" + key("3n") + "\n");
    assertThat(kv("list", key(""), "--reverse", "--limit", "1").out()).isEqualTo(key("4n") + "\t40\n");
    assertThat(kv("list", "--start", key("1n"), "--end", key("3n"), "--keys-only").out())
        .isEqualTo(key("1n") + "\n" + key("2n") + "\n");

    Cli.Run count = kv("count", key(""));
    assertThat(count.exitCode()).isZero();
    assertThat(count.out()).isEqualTo("5\n");
    assertThat(kv("count", key(""), "--start", key("3n")).out()).isEqualTo("2\n");
  }

  @Test
  void atomicChecksAndMutationsFromTheCommandLineAndFromJson() throws Exception {
    Cli.Run first = kv("atomic", "--check", key("\"slot\"") + "=null", "--set", key("\"slot\"") + "={ taken: true }",
        "--sum", key("\"count\"") + "=5n");
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.line()).matches(VERSIONSTAMP);

    Cli.Run again = kv("atomic", "--check", key("\"slot\"") + "=null", "--sum", key("\"count\"") + "=5n");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("kv: check failed: " + key("\"slot\"") + "; nothing was committed\n");

    String json = """
        {"checks": [{"key": [{"type": "string", "value": "%s"}, {"type": "string", "value": "slot"}], "versionstamp": "%s"}],
         "mutations": [{"type": "sum", "key": [{"type": "string", "value": "%s"}, {"type": "string", "value": "count"}],
                        "value": {"type": "KvU64", "value": "2"}},
                       {"type": "delete", "key": [{"type": "string", "value": "%s"}, {"type": "string", "value": "slot"}]}]}
        """.formatted(ns, first.line(), ns, ns);
    Cli.Run fromJson = cli().runWithInput(json, args("atomic", "--file", "-"));
    assertThat(fromJson.exitCode()).as(fromJson.err()).isZero();

    assertThat(kv("get", key("\"count\"")).line()).isEqualTo("new Deno.KvU64(7n)");
    assertThat(kv("get", key("\"slot\"")).exitCode()).isEqualTo(1);
  }

  @Test
  void enqueuedMessagesReachAQueueListener() throws Exception {
    Cli.Run enqueue = kv("enqueue", "{ job: \"resize\", id: 42 }");
    assertThat(enqueue.exitCode()).as(enqueue.err()).isZero();
    assertThat(enqueue.line()).matches(VERSIONSTAMP);

    CompletableFuture<Object> received = new CompletableFuture<>();
    try (KvTemplate kv = KvTemplate.builder(openBackingDatabase()).build();
        KvSubscription ignored = kv.listenQueue(Object.class, received::complete)) {
      assertThat(received.get(60, TimeUnit.SECONDS)).isEqualTo(java.util.Map.of("job", "resize", "id", 42));
    }
  }

  @Test
  void watchPrintsTheCurrentEntryAndEachChange() throws Exception {
    Cli.Running watch = cli().start(args("watch", key("\"w\""), "--count", "2"));
    assertThat(watch.nextLine()).isEqualTo(key("\"w\"") + "\tundefined\tnull");

    Cli.Run set = kv("set", key("\"w\""), "[1, \"two\"]");

    assertThat(watch.nextLine()).isEqualTo(key("\"w\"") + "\t[1, \"two\"]\t" + set.line());
    assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void exportThenImportUnderAnotherPrefixAndAgainSkipsEverything() {
    kv("set", key("1"), "new Map([[\"a\", new Set([1n])]])");
    kv("set", key("2"), "new Uint8Array([1, 2, 3])");
    kv("set", key("3"), "new Deno.KvU64(3n)");
    Cli.Run export = kv("export", key(""));
    assertThat(export.exitCode()).isZero();
    assertThat(export.out().lines()).hasSize(3);

    String copy = "[\"copy-" + ns + "\"]";
    Cli.Run imported = cli().runWithInput(export.out(), args("import", "--prefix", copy));
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.line()).isEqualTo("read 3, written 3, skipped 0");
    assertThat(imported.err()).as("no progress bar off a terminal").isEmpty();
    Cli.Run rerun = cli().runWithInput(export.out(), args("import", "--prefix", copy));
    assertThat(rerun.line()).isEqualTo("read 3, written 0, skipped 3");

    assertThat(kv("list", copy).out()).isEqualTo(
        "[\"copy-" + ns + "\", \"" + ns + "\", 1]\tnew Map([[\"a\", new Set([1n])]])\n"
            + "[\"copy-" + ns + "\", \"" + ns + "\", 2]\tnew Uint8Array([1, 2, 3])\n"
            + "[\"copy-" + ns + "\", \"" + ns + "\", 3]\tnew Deno.KvU64(3n)\n");
  }

  @Test
  void aMalformedImportLineStopsTheImportNamingTheLine() {
    String good = "{\"key\":[{\"type\":\"string\",\"value\":\"" + ns + "\"}],\"value\":{\"type\":\"number\",\"value\":1},\"versionstamp\":\"00000000000000010000\"}";
    Cli.Run run = cli().runWithInput(good + "\n{\"key\": 5, \"value\": {\"type\": \"null\", \"value\": null}}\n", args("import"));
    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).startsWith("kv: import stopped at line 2: a key is an array of key parts");
  }

  @Test
  void backupAndRestore() {
    kv("set", key("\"a\""), "1");
    kv("set", key("\"b\""), "2");
    Path backup = dir.resolve("backup");
    Cli.Run run = kv("backup", backup.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    kv("set", key("\"a\""), "100");

    Cli.Run restore = kv("restore", backup.toString());

    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(kv("list", key("")).out()).isEqualTo(key("\"a\"") + "\t1\n" + key("\"b\"") + "\t2\n");
  }

  @Test
  void badKeysAndValuesAreUsageErrorsNamingTheColumn() {
    Cli.Run badKey = kv("get", "[\"users\", 1");
    assertThat(badKey.exitCode()).isEqualTo(2);
    assertThat(badKey.err()).isEqualTo("kv: bad key at column 12: expected ',' or ']' in [\"users\", 1\n");

    Cli.Run badPart = kv("get", "[\"users\", null]");
    assertThat(badPart.err()).startsWith("kv: bad key at column 11: a key part is a string, number, bigint, boolean or Uint8Array");

    Cli.Run badAtomic = kv("atomic", "--set", "[\"a\"=1");
    assertThat(badAtomic.exitCode()).isEqualTo(2);
    assertThat(badAtomic.err()).isEqualTo("kv: bad key at column 5: expected ',' or ']' in [\"a\"=1\n");

    Cli.Run bareWord = kv("set", key("\"x\""), "hello");
    assertThat(bareWord.exitCode()).isEqualTo(2);
    assertThat(bareWord.err()).contains("a string needs quotes").contains("--string");
  }

  @Test
  void everySubcommandHasHelpWithTheExitCodes() {
    for (String command : new String[] {"get", "set", "delete", "list", "count", "watch", "enqueue", "atomic",
        "export", "import", "backup", "restore", "serve"}) {
      Cli.Run help = cli().run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: kv " + command).contains("--path=<file>").contains("--url=<url>")
          .contains("Exit codes:").contains("4  the server refused the access token");
    }
  }

  static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }
}
