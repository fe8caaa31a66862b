package dev.denokv.cli.command;

import dev.denokv.cli.error.CliException;
import dev.denokv.cli.error.ExitCode;
import picocli.CommandLine.Option;

/** How written values are encoded. */
public final class WriteOptions {

  @Option(names = "--value-format-version", paramLabel = "<15|16>", defaultValue = "15",
      description = "V8 serialization format version of written values: 15 (read by every Deno and Node, default)"
          + " or 16 (what Deno 2.9 writes)")
  int valueFormatVersion;

  int formatVersion() {
    if (valueFormatVersion != 15 && valueFormatVersion != 16) {
      throw new CliException(ExitCode.USAGE, "--value-format-version is 15 or 16");
    }
    return valueFormatVersion;
  }
}
