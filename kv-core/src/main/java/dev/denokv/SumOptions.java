package dev.denokv;

import org.jspecify.annotations.Nullable;

/**
 * Bounds of a {@code sum} on a JS number or bigint value: the result must stay within
 * [{@code min}, {@code max}]; outside them it is clamped when {@code clamp} is set, else the whole
 * atomic operation fails. Bounds are of the same kind as the operand ({@code Double} for numbers,
 * {@code BigInteger} for bigints).
 */
public record SumOptions(@Nullable Number min, @Nullable Number max, boolean clamp) {

  /** No bounds. */
  public static SumOptions defaults() {
    return new SumOptions(null, null, false);
  }

  /** These options with a lower bound. */
  public SumOptions withMin(@Nullable Number value) {
    return new SumOptions(value, max, clamp);
  }

  /** These options with an upper bound. */
  public SumOptions withMax(@Nullable Number value) {
    return new SumOptions(min, value, clamp);
  }

  /** These options clamping to the bounds ({@code true}) or failing outside them. */
  public SumOptions withClamp(boolean value) {
    return new SumOptions(min, max, value);
  }
}
