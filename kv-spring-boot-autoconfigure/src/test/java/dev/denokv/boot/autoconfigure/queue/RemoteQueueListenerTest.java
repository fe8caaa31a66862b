package dev.denokv.boot.autoconfigure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.EnqueueOptions;
import dev.denokv.KvTemplate;
import dev.denokv.annotation.KvQueueListener;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.server.KvConnectQueueHandler;
import dev.denokv.spi.Capability;
import dev.denokv.spi.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @KvQueueListener} in an application whose database is remote: it listens when the
 * database is served by an application of this project with the queue extension, and is left
 * unstarted (with a warning) when the server does not offer it.
 */
class RemoteQueueListenerTest {

  private static final String TOKEN = "remote-queue-listener-token";

  record Click(String code, long at) {}

  static final class ClickListener {
    final BlockingQueue<Click> received = new LinkedBlockingQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @KvQueueListener
    void onClick(Click click) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("not yet");
      }
      received.add(click);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {
    @Bean
    ClickListener clickListener() {
      return new ClickListener();
    }
  }

  /** An application serving its SQLite database over KV Connect. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ServingApplication {}

  @TempDir Path dir;

  private ConfigurableApplicationContext serve(boolean queue) {
    return new SpringApplicationBuilder(ServingApplication.class)
        .properties("server.port=0", "kv.path=" + dir.resolve("served.sqlite3"), "kv.server.enabled=true",
            "kv.server.access-tokens=" + TOKEN, "kv.server.queue.enabled=" + queue, "kv.server.queue.lease=2s",
            "spring.main.banner-mode=off")
        .run();
  }

  private ApplicationContextRunner client(ConfigurableApplicationContext server) {
    String port = server.getEnvironment().getProperty("local.server.port");
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class))
        .withUserConfiguration(Listeners.class)
        .withPropertyValues("kv.url=http://localhost:" + port + "/kv", "kv.access-token=" + TOKEN);
  }

  @Test
  void aListenerOnARemoteDatabaseReceivesMessagesFromAServerOfferingTheQueueExtension() {
    try (ConfigurableApplicationContext server = serve(true)) {
      assertThat(server.getBean(KvConnectQueueHandler.class).offered()).isTrue();
      client(server).run(context -> {
        assertThat(context).hasNotFailed();
        Database database = context.getBean(Database.class);
        assertThat(database).isInstanceOf(RemoteDatabase.class);
        assertThat(database.capabilities()).containsExactly(Capability.QUEUE_CONSUMER);
        ClickListener listener = context.getBean(ClickListener.class);
        listener.failuresLeft.set(1);

        context.getBean(KvTemplate.class).enqueue(new Click("remote", 7),
            EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMillis(10)));
        // The server's own template enqueues too: both reach the remote listener.
        server.getBean(KvTemplate.class).enqueue(new Click("served", 8));

        assertThat(listener.received.poll(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(listener.received.poll(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(listener.failuresLeft.get()).as("the failed delivery was retried").isNegative();
      });
    }
  }

  @Test
  void aListenerIsNotStartedOnAServerWithoutTheQueueExtension() {
    try (ConfigurableApplicationContext server = serve(false)) {
      assertThat(server.getBeansOfType(KvConnectQueueHandler.class)).isEmpty();
      client(server).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(Database.class).capabilities()).isEmpty();
        assertThat(context.getBean(KvQueueListenerRegistrar.class).listenerCount()).isEqualTo(1);
      });
    }
  }
}
