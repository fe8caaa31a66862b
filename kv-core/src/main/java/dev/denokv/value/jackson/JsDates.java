package dev.denokv.value.jackson;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Calendar;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/** Conversions between Java time values and JS {@code Date} values (milliseconds since the epoch). */
final class JsDates {

  /** The largest magnitude a valid JS Date holds: 8.64e15 ms (100 million days). */
  static final double MAX_MILLIS = 8.64e15;

  private JsDates() {}

  /** Whether {@code value} is a Java type written as a JS Date. */
  static boolean isDateType(Object value) {
    return value instanceof Instant
        || value instanceof Date
        || value instanceof OffsetDateTime
        || value instanceof ZonedDateTime
        || value instanceof Calendar;
  }

  /** The epoch milliseconds of a Java time value; {@code null} if it is not a date type. */
  static @Nullable Long toEpochMillis(Object value) {
    if (value instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (value instanceof Date d) {
      return d.getTime();
    }
    if (value instanceof Calendar c) {
      return c.getTimeInMillis();
    }
    if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
      return Instant.from((TemporalAccessor) value).toEpochMilli();
    }
    return null;
  }

  /**
   * The instant of a JS Date payload, or {@code null} for an Invalid Date (NaN, or beyond the JS Date
   * range, which V8 also turns into an Invalid Date). Fractional milliseconds are kept as nanoseconds.
   */
  static @Nullable Instant toInstant(double millis) {
    if (Double.isNaN(millis) || Math.abs(millis) > MAX_MILLIS) {
      return null;
    }
    double floor = Math.floor(millis);
    long whole = (long) floor;
    long nanos = Math.round((millis - floor) * 1_000_000d);
    return Instant.ofEpochMilli(whole).plusNanos(nanos);
  }
}
