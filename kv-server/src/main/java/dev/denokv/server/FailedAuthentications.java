package dev.denokv.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per client address in one-minute windows. Once an address has
 * failed more often than allowed in its window, every authentication from it is refused (429) until
 * the window ends, so that guessing access tokens or data-path tokens over the network stays slow.
 * Failures are logged at most once per address and window (address and count, never a token).
 * At most {@link #MAX_ADDRESSES} addresses are tracked; ended windows are dropped first.
 */
final class FailedAuthentications {

  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int MAX_ADDRESSES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(FailedAuthentications.class);

  /** The failures of one address since {@code startMs}. */
  private record Window(long startMs, int failures, boolean logged) {}

  private final int maxPerWindow;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  FailedAuthentications(int maxPerWindow, Clock clock) {
    this.maxPerWindow = maxPerWindow;
    this.clock = clock;
  }

  /** Refuses with 429 while {@code address} is over its budget. */
  void checkAllowed(String address) {
    Window w = windows.get(address);
    long now = clock.millis();
    if (w != null && now - w.startMs() < WINDOW.toMillis() && w.failures() >= maxPerWindow) {
      long retryAfterSeconds = Math.max(1, (w.startMs() + WINDOW.toMillis() - now + 999) / 1000);
      throw KvConnectRejection.tooManyRequests(
          "Too many failed authentications from this address; try again later.", retryAfterSeconds);
    }
  }

  /** Records a failure of {@code address} to authenticate at {@code path}. */
  void failed(String address, String path) {
    long now = clock.millis();
    if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
      windows.values().removeIf(w -> now - w.startMs() >= WINDOW.toMillis());
      if (windows.size() >= MAX_ADDRESSES) {
        windows.clear();
      }
    }
    Window w = windows.compute(address, (a, old) -> old == null || now - old.startMs() >= WINDOW.toMillis()
        ? new Window(now, 1, false)
        : new Window(old.startMs(), old.failures() + 1, old.logged()));
    if (!w.logged() && (w.failures() == 1 || w.failures() >= maxPerWindow)) {
      boolean over = w.failures() >= maxPerWindow;
      if (over) {
        windows.computeIfPresent(address, (a, cur) -> new Window(cur.startMs(), cur.failures(), true));
        log.warn("{} failed KV Connect authentications from {} within {}; refusing it until the window ends",
            w.failures(), address, WINDOW);
      } else {
        log.info("A failed KV Connect authentication from {} at {}", address, path);
      }
    }
  }
}
