package dev.denokv.cli.command;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import dev.denokv.cli.json.KvJsonReader;
import dev.denokv.cli.notation.LiteralParser;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.value.JsString;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads keys, values and durations given on the command line; bad ones are usage errors. */
final class Arguments {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

  private Arguments() {}

  /** How a value argument is written. */
  enum ValueSyntax {
    /** A JavaScript literal in Deno's notation (the default). */
    LITERAL,
    /** The JSON form of {@code @deno/kv-utils}. */
    JSON,
    /** The argument itself is the string. */
    STRING
  }

  static KvKey key(String text) {
    try {
      return LiteralParser.key(text);
    } catch (KvInvalidArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage() + " in " + text);
    }
  }

  static Object value(String text, ValueSyntax syntax) {
    try {
      return switch (syntax) {
        case LITERAL -> LiteralParser.value(text);
        case JSON -> KvJsonReader.value(text);
        case STRING -> JsString.of(text);
      };
    } catch (KvInvalidArgumentException e) {
      String hint = syntax == ValueSyntax.LITERAL && !text.isEmpty() && Character.isLetter(text.charAt(0))
          ? " (a string needs quotes, as in '\"" + text + "\"', or --string)"
          : "";
      throw new CliException(ExitCode.USAGE, e.getMessage() + hint);
    }
  }

  /** A duration: milliseconds, or a number with ms, s, m, h or d. */
  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CliException(ExitCode.USAGE, "bad duration '" + text + "': use milliseconds or 500ms, 10s, 5m, 1h, 2d");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofMillis(n);
    };
  }
}
