package dev.denokv.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A bearer token. It is never shown: {@link #toString()} is redacted and only this package can read
 * the value, to put it in an {@code Authorization} header.
 */
final class Secret {

  private static final String REDACTED = "<redacted>";

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  static Secret of(String value) {
    return new Secret(value);
  }

  String reveal() {
    return value;
  }

  /** Whether the token is the empty string. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** {@code text} with every occurrence of this token replaced by a placeholder. */
  String redact(String text) {
    return value.isEmpty() ? text : text.replace(value, REDACTED);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
