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

  /**
   * The epoch milliseconds of a Java time value, sub-millisecond precision dropped (rounded down);
   * {@code null} if it is not a date type. Never overflows: instants far outside the JS Date range
   * give a correspondingly large double.
   */
  static @Nullable Double toEpochMillis(Object value) {
    if (value instanceof Date d) {
      return (double) d.getTime();
    }
    if (value instanceof Calendar c) {
      return (double) c.getTimeInMillis();
    }
    if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
      Instant i = Instant.from((TemporalAccessor) value);
      return i.getEpochSecond() * 1000.0 + i.getNano() / 1_000_000;
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
