package dev.denokv.benchmarks;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures what it costs this machine to wake a sleeping thread: two threads hand a token back and
 * forth, each computing for a while before it wakes the other and goes to sleep itself. The time
 * per hand-off beyond the computing is the wake-up cost.
 *
 * <p>It matters to the comparisons with Deno because each of Deno's {@code kv.get} calls crosses
 * threads twice (the JavaScript thread asks the thread that owns the SQLite connection, which
 * answers back), while the Java side reads on the calling thread. On a virtual machine whose idle
 * processor halts (no halt polling in the guest), a thread that sleeps for more than a few
 * microseconds lets its processor halt, and waking it costs tens of microseconds; Deno's
 * {@code get} then runs two to three times slower on an idle machine than on a busy one, or with
 * the Deno process on one processor. The comparisons print this figure with their tables, so that a
 * table says which kind of machine it was taken on.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.WakeProbe
 * [hand-offs per batch]}
 */
public final class WakeProbe {

  /** About what each of Deno's two threads computes per {@code get} between hand-offs. */
  static final long DENO_LIKE_WORK_MICROS = 25;

  private static volatile int sent;
  private static volatile int answered;
  private static long sink;

  private WakeProbe() {}

  public static void main(String[] args) throws InterruptedException {
    int handOffs = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    System.out.println("| work between hand-offs (µs) | wake-up cost (µs per hand-off, median of 5) |");
    System.out.println("|---:|---:|");
    for (long work : new long[] {0, 10, 25, 50, 100}) {
      System.out.printf("| %d | %.1f |%n", work, wakeMicros(work, handOffs, 5));
    }
  }

  /** One line for the comparisons' output: the wake-up cost with Deno-like work between hand-offs. */
  static String summary() throws InterruptedException {
    // Lets the JVM's compiler and collector threads, which keep a processor awake, go idle first.
    Thread.sleep(500);
    double micros = wakeMicros(DENO_LIKE_WORK_MICROS, 2000, 5);
    return String.format("Thread wake-up cost on this machine: %.1f µs per hand-off after %d µs of work"
        + " (WakeProbe; Deno's get waits for two)", micros, DENO_LIKE_WORK_MICROS);
  }

  /**
   * The median, over {@code batches} batches of {@code handOffs} hand-offs each way, of the time per
   * hand-off beyond {@code workMicros} of computing.
   */
  static double wakeMicros(long workMicros, int handOffs, int batches) throws InterruptedException {
    sent = 0;
    answered = 0;
    Thread caller = Thread.currentThread();
    Thread other = new Thread(() -> {
      for (int i = 1; ; i++) {
        int s;
        while ((s = sent) >= 0 && s < i) {
          LockSupport.park();
        }
        if (s < 0) {
          return;
        }
        compute(workMicros);
        answered = i;
        LockSupport.unpark(caller);
      }
    }, "wake-probe");
    other.setDaemon(true);
    other.start();
    double[] perHandOff = new double[batches];
    int token = 0;
    compute(1000); // lets the other thread reach its first park
    for (int b = -1; b < batches; b++) { // batch -1 warms up
      long t0 = System.nanoTime();
      for (int i = 0; i < handOffs; i++) {
        compute(workMicros);
        sent = ++token;
        LockSupport.unpark(other);
        while (answered < token) {
          LockSupport.park();
        }
      }
      if (b >= 0) {
        double elapsedMicros = (System.nanoTime() - t0) / 1000.0;
        perHandOff[b] = (elapsedMicros / handOffs - 2.0 * workMicros) / 2;
      }
    }
    sent = -1;
    LockSupport.unpark(other);
    other.join();
    Arrays.sort(perHandOff);
    return perHandOff[batches / 2];
  }

  /** Computes (without sleeping) for about {@code micros} microseconds. */
  private static void compute(long micros) {
    long end = System.nanoTime() + micros * 1000;
    long x = sink;
    while (System.nanoTime() < end) {
      x = x * 31 + 7;
    }
    sink = x;
  }
}
