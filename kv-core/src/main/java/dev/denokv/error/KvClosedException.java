package dev.denokv.error;

/** An operation on a database that has been closed. */
public class KvClosedException extends KvException {

  public KvClosedException() {
    super("The database is closed");
  }
}
