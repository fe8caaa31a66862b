package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.testing.Peers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue listeners on a real SQLite file: dispatch by the type marker, messages enqueued by the real
 * Deno CLI, the error handler, dead-lettering of messages no handler fits, the executor and stopping.
 */
class QueueListenerTest {

  record Click(String code) {}

  record Signup(String email) {}

  @TempDir Path dir;
  private KvTemplate kv;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> new Thread(r, "app-executor"));

  @BeforeEach
  void open() {
    kv = KvTemplate.builder(SqliteDatabase.open(dir.resolve("queue.sqlite3"))).build();
  }

  @AfterEach
  void close() {
    kv.close();
    executor.shutdownNow();
  }

  @Test
  void messagesReachTheHandlerOfTheirTypeAndUnmarkedOnesTheUntypedHandler() throws Exception {
    BlockingQueue<Object> clicks = new LinkedBlockingQueue<>();
    BlockingQueue<Object> signups = new LinkedBlockingQueue<>();
    BlockingQueue<Map<String, Object>> untyped = new LinkedBlockingQueue<>();
    BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    QueueHandlers handlers = QueueHandlers
        .of(Click.class, c -> { clicks.add(c); threads.add(Thread.currentThread().getName()); })
        .and(Signup.class, signups::add)
        .<Map<String, Object>>and(castMap(), untyped::add);
    try (QueueSubscription sub = kv.listenQueue(handlers, QueueListenerOptions.defaults().withExecutor(executor))) {
      kv.enqueue(new Signup("ada@example.com"));
      kv.enqueue(new Click("deno"));
      Peers.deno("""
          const kv = await Deno.openKv(%s);
          await kv.enqueue({ job: "from-deno", n: 3 });
          kv.close();
          """.formatted(jsString(dir.resolve("queue.sqlite3").toString()))).orThrow();

      assertThat(clicks.poll(10, TimeUnit.SECONDS)).isEqualTo(new Click("deno"));
      assertThat(signups.poll(10, TimeUnit.SECONDS)).isEqualTo(new Signup("ada@example.com"));
      assertThat(untyped.poll(30, TimeUnit.SECONDS)).containsEntry("job", "from-deno").doesNotContainKey("@type");
      assertThat(threads.poll()).isEqualTo("app-executor");
    }
  }

  @Test
  void denoSeesAJavaMessageAsAPlainObjectWithItsTypeName() {
    Path file = dir.resolve("queue.sqlite3");
    kv.enqueue(new Click("shared"));
    kv.close();
    String out = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const msg = await new Promise((resolve) => kv.listenQueue(resolve));
        console.log(JSON.stringify(msg));
        kv.close();
        Deno.exit(0);
        """.formatted(jsString(file.toString()))).orThrow();
    assertThat(out.trim()).isEqualTo("{\"code\":\"shared\",\"@type\":\"Click\"}");
    kv = KvTemplate.builder(SqliteDatabase.open(file)).build();
  }

  @Test
  void aMessageNoHandlerFitsGoesToTheErrorHandlerAndIsDeadLetteredWithoutRetries() throws Exception {
    BlockingQueue<QueueFailure> failures = new LinkedBlockingQueue<>();
    KvKey dead = KvKey.of("dead", "signup");
    QueueListenerOptions options = QueueListenerOptions.defaults().withErrorHandler(failures::add);
    try (QueueSubscription sub = kv.listenQueue(QueueHandlers.of(Click.class, c -> {}), options)) {
      // A long backoff: a retry would not happen within the test, so the dead letter proves there was none.
      kv.enqueue(new Signup("x@example.com"),
          EnqueueOptions.defaults().withKeysIfUndelivered(dead).withBackoffSchedule(Duration.ofHours(1)));
      QueueFailure failure = failures.poll(10, TimeUnit.SECONDS);
      assertThat(failure.kind()).isEqualTo(QueueFailure.Kind.NOT_CONVERTIBLE);
      assertThat(failure.type()).isEqualTo("Signup");
      assertThat(failure.cause()).hasMessageContaining("no handler takes messages of type 'Signup'");
      sub.stop().get(10, TimeUnit.SECONDS);
    }
    assertThat(kv.get(dead, Signup.class).value()).isEqualTo(new Signup("x@example.com"));
  }

  @Test
  void aFailingHandlerIsReportedWithItsExceptionAndGetsTheMessageAgain() throws Exception {
    BlockingQueue<QueueFailure> failures = new LinkedBlockingQueue<>();
    BlockingQueue<Click> handled = new LinkedBlockingQueue<>();
    int[] calls = {0};
    QueueHandlers handlers = QueueHandlers.of(Click.class, c -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("first attempt fails");
      }
      handled.add(c);
    });
    try (QueueSubscription sub = kv.listenQueue(handlers, QueueListenerOptions.defaults().withErrorHandler(failures::add))) {
      kv.enqueue(new Click("again"), EnqueueOptions.defaults().withBackoffSchedule(Duration.ofMillis(10)));
      QueueFailure failure = failures.poll(10, TimeUnit.SECONDS);
      assertThat(failure.kind()).isEqualTo(QueueFailure.Kind.HANDLER_FAILED);
      assertThat(failure.message()).isEqualTo(new Click("again"));
      assertThat(failure.cause()).hasMessage("first attempt fails");
      assertThat(handled.poll(10, TimeUnit.SECONDS)).isEqualTo(new Click("again"));
    }
  }

  @Test
  void stoppingCompletesOnceTheRunningHandlerReturns() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    QueueSubscription sub = kv.listenQueue(QueueHandlers.of(Click.class, c -> {
      inHandler.countDown();
      release.await();
    }), QueueListenerOptions.defaults().withExecutor(executor).withConcurrency(2));
    kv.enqueue(new Click("busy"));
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopped = sub.stop();
    assertThat(stopped).isNotDone();
    release.countDown();
    stopped.get(10, TimeUnit.SECONDS);
    assertThat(kv.listenQueue(Click.class, c -> {})).isNotNull().satisfies(QueueSubscription::close);
  }

  @Test
  void closingInterruptsAHandlerStillRunningAfterTheCloseTimeout() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    QueueSubscription sub = kv.listenQueue(QueueHandlers.of(Click.class, c -> {
      inHandler.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.complete(true);
      }
    }), QueueListenerOptions.defaults().withCloseTimeout(Duration.ZERO));
    kv.enqueue(new Click("stuck"));
    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    sub.close();
    assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void handlersMustDifferInType() {
    assertThatThrownBy(() -> QueueHandlers.of(Map.class, m -> {}).and(Object.class, o -> {}))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("untyped");
    assertThatThrownBy(() -> QueueHandlers.of(Click.class, m -> {}).and(Click.class, o -> {}))
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("'Click'");
    assertThatThrownBy(() -> QueueListenerOptions.defaults().withConcurrency(0))
        .isInstanceOf(KvInvalidArgumentException.class);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<Map<String, Object>> castMap() {
    return (Class) Map.class;
  }

  private static String jsString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
