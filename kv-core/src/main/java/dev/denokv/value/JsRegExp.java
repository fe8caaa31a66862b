package dev.denokv.value;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * A JS {@code RegExp}: its {@code source} text and {@code flags} (canonical order
 * {@code "dgimsuvy"}). The pattern itself is not compiled or checked.
 */
public final class JsRegExp implements JsObjectValue {

  /** Flag letters in JS order with their V8 bits. */
  private static final String LETTERS = "dgimsuvy";
  private static final int[] BITS = {0x80, 0x01, 0x02, 0x04, 0x20, 0x10, 0x100, 0x08};
  /** Every bit V8 accepts when reading ({@code 0x40}, "linear", is internal and rejected). */
  public static final int VALID_FLAG_BITS = 0x1BF;
  /** {@code u} and {@code v} together, which JS rejects. */
  private static final int UNICODE_BITS = 0x110;

  private final String source;
  private final int flagBits;

  /** A RegExp; {@code flags} may hold each of {@code d g i m s u v y} once, in any order. */
  public JsRegExp(String source, String flags) {
    this.source = source;
    this.flagBits = parseFlags(flags);
  }

  private JsRegExp(String source, int flagBits) {
    this.source = source;
    this.flagBits = flagBits;
  }

  /**
   * A RegExp from V8's flag bits; they must be within {@link #VALID_FLAG_BITS} and not combine
   * {@code u} with {@code v}.
   */
  public static JsRegExp ofFlagBits(String source, int flagBits) {
    if ((flagBits & ~VALID_FLAG_BITS) != 0 || (flagBits & UNICODE_BITS) == UNICODE_BITS) {
      throw new KvInvalidArgumentException("Invalid regular expression flags: 0x" + Integer.toHexString(flagBits));
    }
    return new JsRegExp(source, flagBits);
  }

  private static int parseFlags(String flags) {
    int bits = 0;
    for (int i = 0; i < flags.length(); i++) {
      int at = LETTERS.indexOf(flags.charAt(i));
      if (at < 0 || (bits & BITS[at]) != 0) {
        throw new KvInvalidArgumentException("Invalid regular expression flags '" + flags + "'");
      }
      bits |= BITS[at];
    }
    if ((bits & UNICODE_BITS) == UNICODE_BITS) {
      throw new KvInvalidArgumentException("Invalid regular expression flags '" + flags + "'");
    }
    return bits;
  }

  public String source() {
    return source;
  }

  /** The flags in canonical order, as {@code regexp.flags} gives them. */
  public String flags() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < LETTERS.length(); i++) {
      if ((flagBits & BITS[i]) != 0) {
        sb.append(LETTERS.charAt(i));
      }
    }
    return sb.toString();
  }

  /** The flags as V8 serializes them. */
  public int flagBits() {
    return flagBits;
  }

  @Override
  public String typeName() {
    return "RegExp";
  }

  @Override
  public String toString() {
    return "/" + source + "/" + flags();
  }
}
