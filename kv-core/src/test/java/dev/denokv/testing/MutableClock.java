package dev.denokv.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A clock tests move forward by hand: either standing still at a given instant, or following the
 * system clock shifted by what the test has advanced it (so that timers still run).
 */
public final class MutableClock extends Clock {

  private final @Nullable Instant start;
  private final AtomicReference<Duration> advanced = new AtomicReference<>(Duration.ZERO);

  private MutableClock(@Nullable Instant start) {
    this.start = start;
  }

  /** A clock that stands at {@code start} until advanced. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /** The system clock, shifted by whatever the test advances it. */
  public static MutableClock followingSystem() {
    return new MutableClock(null);
  }

  public void advance(Duration by) {
    advanced.updateAndGet(d -> d.plus(by));
  }

  /** Takes back every advance: the clock is where it started (or the system clock) again. */
  public void reset() {
    advanced.set(Duration.ZERO);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return (start != null ? start : Instant.now()).plus(advanced.get());
  }
}
