package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchBackoffTest {

  @Test
  void growsExponentiallyUpToTheMaximumIntervalWithoutEverGivingUp() {
    WatchBackoff backoff =
        new WatchBackoff(new RetryOptions(Duration.ofMillis(100), 2.0, 0.0, Duration.ofSeconds(1), 2, Duration.ofSeconds(1)));

    assertThat(backoff.next()).isEqualTo(100);
    assertThat(backoff.next()).isEqualTo(200);
    assertThat(backoff.next()).isEqualTo(400);
    assertThat(backoff.next()).isEqualTo(800);
    for (int i = 0; i < 10_000; i++) {
      assertThat(backoff.next()).isEqualTo(1_000);
    }
    assertThat(backoff.failures()).isEqualTo(10_004);
  }

  @Test
  void randomizesEachWaitWithinTheSpreadAndTheCap() {
    WatchBackoff backoff =
        new WatchBackoff(new RetryOptions(Duration.ofMillis(1_000), 2.0, 0.5, Duration.ofSeconds(30), 5, Duration.ofSeconds(60)));

    assertThat(backoff.next()).isBetween(500L, 1_500L);
    assertThat(backoff.next()).isBetween(1_000L, 3_000L);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isBetween(1_000L, 30_000L);
    }
    backoff.next();
    assertThat(backoff.next()).isBetween(15_000L, 30_000L);
  }

  @Test
  void startsOverAfterAReset() {
    WatchBackoff backoff =
        new WatchBackoff(new RetryOptions(Duration.ofMillis(10), 3.0, 0.0, Duration.ofMillis(500), 4, Duration.ofSeconds(1)));
    backoff.next();
    backoff.next();

    backoff.reset();

    assertThat(backoff.failures()).isZero();
    assertThat(backoff.next()).isEqualTo(10);
  }
}
