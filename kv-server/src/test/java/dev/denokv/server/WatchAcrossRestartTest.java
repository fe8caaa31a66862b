package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.remote.RetryOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A remote watch through a stop of the server longer than requests are retried for: once the
 * server is back on the same port and database, a later write reaches the watch.
 */
class WatchAcrossRestartTest {

  /** Requests give up after 3 attempts, within a fraction of a second. */
  private static final RetryOptions FAST =
      new RetryOptions(Duration.ofMillis(20), 2.0, 0.2, Duration.ofMillis(300), 3, Duration.ofSeconds(5));

  @TempDir Path directory;

  private ConfigurableApplicationContext start(int port) {
    return new SpringApplicationBuilder(KvConnectTestApplication.class)
        .properties("server.port=" + port, KvConnectTestApplication.DIRECTORY_PROPERTY + "=" + directory)
        .run();
  }

  @Test
  void aWatchOutlivesAServerStopLongerThanTheRequestRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ConfigurableApplicationContext server = start(port);
    RemoteDatabase remote =
        RemoteDatabase.builder()
            .url("http://localhost:" + port + "/kv")
            .accessToken(KvConnectTestApplication.ACCESS_TOKEN)
            .retry(FAST)
            .build();
    KvKey key = KvKey.of("restart", "watched");
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    try (KvTemplate kv = KvTemplate.builder(remote).build();
        KvSubscription sub =
            kv.watch(List.of(key), String.class, entries -> events.add(String.valueOf(entries.get(0).value())), events::add)) {
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("null");
      kv.set(key, "before");
      assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("before");

      server.close();
      assertThatThrownBy(() -> kv.get(key, String.class)).isInstanceOf(KvUnavailableException.class);
      Thread.sleep(2_000);
      assertThat(events).as("nothing reported while the server is down").isEmpty();
      server = start(port);
      kv.set(key, "after");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      Object event = null;
      while (!"after".equals(event) && System.nanoTime() < deadline) {
        event = events.poll(100, TimeUnit.MILLISECONDS);
        if (event instanceof Throwable error) {
          throw new AssertionError("The watch reported an error", error);
        }
      }
      assertThat(event).as("the write after the restart reaches the watch").isEqualTo("after");
    } finally {
      server.close();
    }
  }
}
