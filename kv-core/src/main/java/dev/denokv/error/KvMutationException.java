package dev.denokv.error;

/**
 * A mutation that cannot be applied to the stored value, such as a {@code sum} on a value that is
 * not a number. The whole atomic operation is rolled back.
 */
public class KvMutationException extends KvException {

  public KvMutationException(String message) {
    super(message);
  }
}
