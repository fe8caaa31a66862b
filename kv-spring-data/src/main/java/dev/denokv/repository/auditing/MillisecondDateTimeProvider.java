package dev.denokv.repository.auditing;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import org.springframework.data.auditing.DateTimeProvider;

/**
 * The current time to the millisecond, the precision of the JS {@code Date} an audited date is
 * stored as: an entity just saved holds the same dates as when it is read back. The default of
 * {@link EnableKvAuditing}.
 */
public final class MillisecondDateTimeProvider implements DateTimeProvider {

  @Override
  public Optional<TemporalAccessor> getNow() {
    return Optional.of(LocalDateTime.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
