package dev.denokv.value;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A JS {@code Date}: milliseconds since the epoch; {@code NaN} is an Invalid Date. As in JS, the
 * time value is clipped: it is truncated to an integer, and anything beyond ±8.64e15 ms or not
 * finite becomes {@code NaN}.
 */
public final class JsDate implements JsObjectValue {

  private static final double MAX_TIME = 8.64e15;

  private final double epochMillis;

  public JsDate(double epochMillis) {
    this.epochMillis = timeClip(epochMillis);
  }

  /** The ECMAScript TimeClip operation. */
  public static double timeClip(double time) {
    if (!Double.isFinite(time) || Math.abs(time) > MAX_TIME) {
      return Double.NaN;
    }
    return (time < 0 ? Math.ceil(time) : Math.floor(time)) + 0.0;
  }

  /**
   * The Date for this instant (sub-millisecond precision is dropped, as in JS); an instant beyond
   * JS's range (±8.64e15 ms) gives an Invalid Date.
   */
  public static JsDate of(Instant instant) {
    try {
      return new JsDate(instant.toEpochMilli());
    } catch (ArithmeticException e) {
      return invalid();
    }
  }

  /** An Invalid Date. */
  public static JsDate invalid() {
    return new JsDate(Double.NaN);
  }

  /** The time value ({@code getTime()}). */
  public double epochMillis() {
    return epochMillis;
  }

  public boolean isValid() {
    return !Double.isNaN(epochMillis);
  }

  /** The instant, or {@code null} for an Invalid Date. */
  public @Nullable Instant toInstant() {
    return isValid() ? Instant.ofEpochMilli((long) epochMillis) : null;
  }

  @Override
  public String typeName() {
    return "Date";
  }

  @Override
  public String toString() {
    Instant instant = toInstant();
    return instant == null ? "Invalid Date" : instant.toString();
  }
}
