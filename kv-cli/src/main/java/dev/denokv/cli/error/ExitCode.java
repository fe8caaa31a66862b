package dev.denokv.cli.error;

/** The exit codes of the {@code kv} command, as listed by {@code kv --help}. */
public enum ExitCode {
  OK(0, "success"),
  NOT_FOUND(1, "no entry at a key that was read, or an atomic operation's check failed"),
  USAGE(2, "bad command line: unknown option, bad key or value syntax (with its column)"),
  UNAVAILABLE(3, "the database cannot be reached or opened: unreachable URL, missing or locked file"),
  DENIED(4, "the server refused the access token"),
  DATA(5, "bad data: a malformed import line, a value that cannot be stored, a failed integrity check"),
  FAILED(6, "any other failure");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
