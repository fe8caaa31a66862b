package dev.denokv.cli.notation;

import dev.denokv.error.KvInvalidArgumentException;

/** Text in Deno's key or value notation that cannot be read; the message names the column. */
public final class NotationException extends KvInvalidArgumentException {

  private final int column;

  NotationException(String what, int column, String problem) {
    super("bad " + what + " at column " + column + ": " + problem);
    this.column = column;
  }

  /** The 1-based column where reading stopped. */
  public int column() {
    return column;
  }
}
