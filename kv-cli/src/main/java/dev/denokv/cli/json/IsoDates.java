package dev.denokv.cli.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as JavaScript's {@code Date.prototype.toISOString} writes them: {@code YYYY-MM-DDTHH:mm:ss.sssZ}
 * for years 0 to 9999, a signed six-digit year ({@code -000001}, {@code +010000}) otherwise.
 */
public final class IsoDates {

  private static final Pattern ISO = Pattern.compile(
      "([+-]\\d{6}|\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})");

  private IsoDates() {}

  /** The ISO string of a valid time value (milliseconds since the epoch). */
  public static String format(double epochMillis) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli((long) epochMillis), ZoneOffset.UTC);
    int year = t.getYear();
    String y = year >= 0 && year <= 9999
        ? String.format("%04d", year)
        : (year < 0 ? "-" : "+") + String.format("%06d", Math.abs(year));
    return String.format("%s-%02d-%02dT%02d:%02d:%02d.%03dZ", y, t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
  }

  /** The time value of an ISO string in the form {@link #format} writes, or NaN when it is not one. */
  public static double parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      return Double.NaN;
    }
    try {
      int year = Integer.parseInt(m.group(1));
      String fraction = m.group(7) == null ? "0" : (m.group(7) + "00").substring(0, 3);
      LocalDateTime t = LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
          Integer.parseInt(fraction) * 1_000_000);
      ZoneOffset offset = m.group(8).equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
      return t.toInstant(offset).toEpochMilli();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
