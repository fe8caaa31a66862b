package dev.denokv.error;

/**
 * An argument Deno KV rejects: an invalid key, an oversized value, a bad selector, a limit
 * exceeded. The message is Deno's own wherever Deno has one (Deno throws a {@code TypeError}).
 */
public class KvInvalidArgumentException extends KvException {

  public KvInvalidArgumentException(String message) {
    super(message);
  }
}
