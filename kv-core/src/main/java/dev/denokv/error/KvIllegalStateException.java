package dev.denokv.error;

/**
 * An operation asked of an object that is not in a state to do it, such as reading a listing's
 * cursor before its first entry. The message is Deno's own wherever Deno has one.
 */
public class KvIllegalStateException extends KvException {

  public KvIllegalStateException(String message) {
    super(message);
  }
}
