package dev.denokv.cli.transfer;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error (entries, bytes, rate and, when the total is known, a
 * bar and the time left), redrawn at most ten times a second. {@link #none()} draws nothing, for
 * output that is not a terminal.
 */
public class Progress {

  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final String verb;
  private final LongSupplier nanoClock;
  private final long started;
  private long total = -1;
  private boolean totalInBytes;
  private long entries;
  private long bytes;
  private long lastDraw;

  Progress(PrintWriter err, String verb, LongSupplier nanoClock) {
    this.err = err;
    this.verb = verb;
    this.nanoClock = nanoClock;
    this.started = nanoClock.getAsLong();
    this.lastDraw = started;
  }

  /** A progress bar drawn on {@code err}. */
  public static Progress onTerminal(PrintWriter err, String verb) {
    return new Progress(err, verb, System::nanoTime);
  }

  /** Progress that is not shown. */
  public static Progress none() {
    return new Progress(new PrintWriter(PrintWriter.nullWriter()), "", () -> 0L) {
      @Override
      public void advance(long moreEntries, long moreBytes) {}

      @Override
      public void finish() {}
    };
  }

  /** The expected number of entries, or of bytes when {@code inBytes}, for the bar and the time left. */
  public void expect(long total, boolean inBytes) {
    this.total = total;
    this.totalInBytes = inBytes;
  }

  /** Counts entries and bytes done. */
  public void advance(long moreEntries, long moreBytes) {
    entries += moreEntries;
    bytes += moreBytes;
    long now = nanoClock.getAsLong();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now, false);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish() {
    draw(nanoClock.getAsLong(), true);
  }

  private void draw(long now, boolean last) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    double rate = entries / seconds;
    StringBuilder line = new StringBuilder("\r").append(verb).append(' ');
    long done = totalInBytes ? bytes : entries;
    if (total > 0) {
      double fraction = Math.min(1, (double) done / total);
      int filled = (int) Math.round(fraction * 24);
      line.append('[').append("#".repeat(filled)).append(".".repeat(24 - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", Math.round(fraction * 100)));
    }
    line.append(String.format(Locale.ROOT, "%,d entries  %s  %,.0f entries/s", entries, size(bytes), rate));
    if (total > 0 && done > 0 && !last) {
      double left = seconds * (total - done) / done;
      line.append(String.format(Locale.ROOT, "  ETA %d:%02d", (long) left / 60, (long) left % 60));
    }
    line.append("   ");
    err.print(line);
    if (last) {
      err.println();
    }
    err.flush();
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
