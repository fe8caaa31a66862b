package dev.denokv.cli.transfer;

import dev.denokv.error.KvException;

/**
 * A line of an import that cannot be stored. The batches before it are committed; rerunning the
 * import once the line is fixed is safe.
 */
public final class ImportFailure extends KvException {

  private final long line;

  ImportFailure(long line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
  }

  /** The 1-based line number. */
  public long line() {
    return line;
  }
}
