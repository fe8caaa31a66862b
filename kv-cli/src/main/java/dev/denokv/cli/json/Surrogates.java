package dev.denokv.cli.json;

/** UTF-16 surrogate checks shared by the JSON and JavaScript literal printers. */
public final class Surrogates {

  private Surrogates() {}

  /**
   * Whether the surrogate at {@code i} of {@code s} is half of a well-formed pair, which a printer
   * may write as is; a lone surrogate must be escaped.
   */
  public static boolean paired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
