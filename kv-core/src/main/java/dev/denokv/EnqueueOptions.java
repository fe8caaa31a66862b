package dev.denokv;

import dev.denokv.key.KvKey;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link KvTemplate#enqueue}, as in Deno's {@code enqueue} options.
 *
 * @param delay how long to wait before the first delivery (0 to 30 days)
 * @param keysIfUndelivered keys the message is written to if every delivery attempt fails
 * @param backoffSchedule delays between delivery attempts, or null for the backend's default
 */
public record EnqueueOptions(Duration delay, List<KvKey> keysIfUndelivered, @Nullable List<Duration> backoffSchedule) {

  public EnqueueOptions {
    keysIfUndelivered = List.copyOf(keysIfUndelivered);
    backoffSchedule = backoffSchedule == null ? null : List.copyOf(backoffSchedule);
  }

  /** Deliver at once, drop after the default retries. */
  public static EnqueueOptions defaults() {
    return new EnqueueOptions(Duration.ZERO, List.of(), null);
  }

  public EnqueueOptions withDelay(Duration delay) {
    return new EnqueueOptions(delay, keysIfUndelivered, backoffSchedule);
  }

  public EnqueueOptions withKeysIfUndelivered(KvKey... keys) {
    return new EnqueueOptions(delay, List.of(keys), backoffSchedule);
  }

  public EnqueueOptions withBackoffSchedule(Duration... schedule) {
    return new EnqueueOptions(delay, keysIfUndelivered, List.of(schedule));
  }
}
