package dev.denokv.boot.autoconfigure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KvQueueListenerTest {

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

  static final class BadListener {
    @KvQueueListener
    void twoParameters(String a, String b) {}
  }

  record Signup(String email) {}

  static final class SignupListener {
    @KvQueueListener
    void onSignup(Signup signup) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {
    @Bean
    ClickListener clickListener() {
      return new ClickListener();
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class))
          .withPropertyValues("kv.in-memory=true");

  @Test
  void anAnnotatedMethodReceivesEnqueuedMessagesConvertedToItsParameterType() {
    runner.withUserConfiguration(Listeners.class).run(context -> {
      assertThat(context.getBean(KvQueueListenerRegistrar.class).listenerCount()).isEqualTo(1);
      context.getBean(KvTemplate.class).enqueue(new Click("abc", 42));
      Click click = context.getBean(ClickListener.class).received.poll(10, TimeUnit.SECONDS);
      assertThat(click).isEqualTo(new Click("abc", 42));
    });
  }

  @Test
  void aThrowingListenerGetsTheMessageAgain() {
    runner.withUserConfiguration(Listeners.class).run(context -> {
      ClickListener listener = context.getBean(ClickListener.class);
      listener.failuresLeft.set(1);
      context.getBean(KvTemplate.class).enqueue(
          new Click("retry", 1),
          dev.denokv.EnqueueOptions.defaults().withBackoffSchedule(java.time.Duration.ofMillis(10)));
      assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Click("retry", 1));
      assertThat(listener.failuresLeft.get()).isNegative();
    });
  }

  @Test
  void aMethodWithTwoParametersIsRejected() {
    runner.withBean(BadListener.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("exactly one parameter");
    });
  }

  @Test
  void aSecondListenerIsRejectedSinceTheDatabaseHasOneQueue() {
    runner.withUserConfiguration(Listeners.class).withBean(SignupListener.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .hasMessageContaining("clickListener.onClick")
          .hasMessageContaining(".onSignup")
          .hasMessageContaining("declare one listener");
    });
  }

  @Test
  void listenersStopWhenTheContextCloses() {
    KvQueueListenerRegistrar[] registrar = new KvQueueListenerRegistrar[1];
    runner.withUserConfiguration(Listeners.class).run(context -> {
      registrar[0] = context.getBean(KvQueueListenerRegistrar.class);
      assertThat(registrar[0].isRunning()).isTrue();
    });
    assertThat(registrar[0].isRunning()).isFalse();
  }
}
