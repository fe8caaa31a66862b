package dev.denokv.error;

/** Bytes that are not a valid encoded key or value: unknown tags, truncation, bad lengths. */
public class KvCodecException extends KvException {

  public KvCodecException(String message) {
    super(message);
  }

  public KvCodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
