package dev.denokv.server;

import dev.denokv.KvSubscription;
import dev.denokv.KvTemplate;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue consumer process for {@link RemoteQueueConsumersTest}: listens to the queue of a remote
 * database served by the project's server and reports every step on stdout, one line each:
 * {@code READY}, {@code BEGIN <id> <epoch ms>}, {@code FAIL <id>}, {@code HANDLED <id>} and, once
 * it has handled {@code stallAfter} messages, {@code STALL <id>} for each further message it
 * handles and then never acknowledges (its handler blocks until the process is killed).
 *
 * <p>Arguments: the metadata exchange URL, the access token, the number of worker threads and
 * {@code stallAfter} (-1 for never).
 */
final class QueueConsumerMain {

  /** A message as the test enqueues it with {@code @deno/kv}. */
  record Job(String id, boolean fail) {}

  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private QueueConsumerMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String token = args[1];
    int workers = Integer.parseInt(args[2]);
    int stallAfter = Integer.parseInt(args[3]);
    AtomicInteger handled = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    RemoteDatabase database = RemoteDatabase.builder().url(url).accessToken(token).build();
    try (KvTemplate kv = KvTemplate.builder(database).valueCodec(DenoValueCodec.defaults())
            .queueConcurrency(workers).build();
        KvSubscription listener = kv.listenQueue(Job.class, job -> {
          report("BEGIN " + job.id() + " " + System.currentTimeMillis());
          if (job.fail()) {
            report("FAIL " + job.id());
            throw new IllegalStateException("always fails: " + job.id());
          }
          report("HANDLED " + job.id());
          if (stallAfter >= 0 && handled.incrementAndGet() > stallAfter) {
            report("STALL " + job.id());
            never.await(); // handled, but never acknowledged
          }
        })) {
      report("READY");
      never.await(); // until killed
    }
  }

  private static void report(String line) {
    synchronized (OUT) {
      OUT.println(line);
    }
  }
}
