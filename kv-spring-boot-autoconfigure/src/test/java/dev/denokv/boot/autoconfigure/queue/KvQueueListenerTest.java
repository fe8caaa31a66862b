package dev.denokv.boot.autoconfigure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.EnqueueOptions;
import dev.denokv.KvTemplate;
import dev.denokv.QueueErrorHandler;
import dev.denokv.QueueFailure;
import dev.denokv.annotation.KvQueueListener;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.key.KvKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

class KvQueueListenerTest {

  record Click(String code, long at) {}

  static final class ClickListener {
    final BlockingQueue<Click> received = new LinkedBlockingQueue<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

    @KvQueueListener
    void onClick(Click click) {
      threads.add(Thread.currentThread().getName() + (DECORATED.get() ? " decorated" : ""));
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

  static final class TwoTypes {
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    @KvQueueListener
    void onClick(Click click) {
      received.add(click);
    }

    @KvQueueListener
    void onSignup(Signup signup) {
      received.add(signup);
    }

    @KvQueueListener
    void onAnythingElse(Map<String, Object> message) {
      received.add(message);
    }
  }

  static final class SecondClickListener {
    @KvQueueListener
    void alsoOnClick(Click click) {}
  }

  @Test
  void messagesGoToTheMethodTakingTheirTypeAndUntypedOnesToTheMapMethod() {
    runner.withBean(TwoTypes.class).run(context -> {
      KvTemplate kv = context.getBean(KvTemplate.class);
      TwoTypes listener = context.getBean(TwoTypes.class);
      kv.enqueue(new Signup("ada@example.com"));
      assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Signup("ada@example.com"));
      kv.enqueue(new Click("abc", 1));
      assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Click("abc", 1));
      kv.enqueue(Map.of("job", "untyped"));
      assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo(Map.of("job", "untyped"));
    });
  }

  @Test
  void twoMethodsForTheSameTypeAreRejected() {
    runner.withUserConfiguration(Listeners.class).withBean(SecondClickListener.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("'Click'");
      assertThat(context.getStartupFailure()).hasMessageContaining("clickListener.onClick")
          .hasMessageContaining(".alsoOnClick");
    });
  }

  @Test
  void failuresGoToTheApplicationsErrorHandlerAndUnconvertibleMessagesAreDeadLettered() {
    BlockingQueue<QueueFailure> failures = new LinkedBlockingQueue<>();
    runner.withUserConfiguration(Listeners.class)
        .withBean(QueueErrorHandler.class, () -> failures::add)
        .run(context -> {
          KvTemplate kv = context.getBean(KvTemplate.class);
          context.getBean(ClickListener.class).failuresLeft.set(1);
          kv.enqueue(new Click("fails-once", 1), EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMillis(10)));
          QueueFailure failed = failures.poll(10, TimeUnit.SECONDS);
          assertThat(failed.kind()).isEqualTo(QueueFailure.Kind.HANDLER_FAILED);
          assertThat(failed.cause()).hasMessage("not yet");
          assertThat(context.getBean(ClickListener.class).received.poll(10, TimeUnit.SECONDS))
              .isEqualTo(new Click("fails-once", 1));

          KvKey dead = KvKey.of("dead", "signup");
          kv.enqueue(new Signup("nobody@example.com"),
              EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofHours(1)));
          QueueFailure unconvertible = failures.poll(10, TimeUnit.SECONDS);
          assertThat(unconvertible.kind()).isEqualTo(QueueFailure.Kind.NOT_CONVERTIBLE);
          assertThat(unconvertible.type()).isEqualTo("Signup");
          assertThat(kv.get(dead, Signup.class).value()).isEqualTo(new Signup("nobody@example.com"));
        });
  }

  @Test
  void handlersRunOnAnExecutorBuiltByBootsTaskExecutionBuilder() {
    runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
        .withUserConfiguration(Listeners.class)
        .withPropertyValues("kv.queue.concurrency=3")
        .withBean(ThreadPoolTaskExecutorCustomizer.class,
            () -> executor -> executor.setTaskDecorator(task -> () -> {
              DECORATED.set(true);
              task.run();
            }))
        .run(context -> {
          ThreadPoolTaskExecutor executor =
              context.getBean(KvQueueListenerRegistrar.EXECUTOR_BEAN, ThreadPoolTaskExecutor.class);
          assertThat(executor.getMaxPoolSize()).isEqualTo(3);
          ClickListener listener = context.getBean(ClickListener.class);
          context.getBean(KvTemplate.class).enqueue(new Click("thread", 1));
          assertThat(listener.received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Click("thread", 1));
          assertThat(listener.threads.poll()).startsWith("kv-queue-").endsWith("decorated");
        });
  }

  static final ThreadLocal<Boolean> DECORATED = ThreadLocal.withInitial(() -> false);

  static final class BusyListener {
    final CountDownLatch inHandler = new CountDownLatch(1);
    final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

    @KvQueueListener
    void onClick(Click click) {
      inHandler.countDown();
      try {
        new CountDownLatch(1).await();
        interrupted.complete(false);
      } catch (InterruptedException e) {
        interrupted.complete(true);
      }
    }
  }

  @Test
  void aBusyHandlerHoldsShutdownOnlyForTheShutdownPhaseAndIsThenInterrupted() throws Exception {
    BusyListener[] busy = new BusyListener[1];
    runner.withBean(BusyListener.class)
        .withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=200ms")
        .withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
        .run(context -> {
          busy[0] = context.getBean(BusyListener.class);
          context.getBean(KvTemplate.class).enqueue(new Click("busy", 1));
          assertThat(busy[0].inHandler.await(10, TimeUnit.SECONDS)).isTrue();
        });
    assertThat(busy[0].interrupted.get(10, TimeUnit.SECONDS)).isTrue();
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
