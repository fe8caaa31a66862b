package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What the Java sides of the benchmarks share: the written value, timing, concurrent writers. */
final class Workloads {

  /** A value shaped like a small application record, the same object the Deno scripts write. */
  record Profile(String name, int age, List<String> tags, boolean active) {}

  static final Profile VALUE = new Profile("user", 42, List.of("a", "b", "c"), true);

  /** A timed piece of work. */
  interface Body {
    void run() throws Exception;
  }

  private Workloads() {}

  /** Runs {@code body} and records {@code ops} divided by its duration as {@code name}. */
  static void measure(Map<String, Double> results, String name, long ops, Body body) throws Exception {
    long t0 = System.nanoTime();
    body.run();
    results.put(name, ops / ((System.nanoTime() - t0) / 1e9));
  }

  /** {@code n} sets, one after the other, of the keys {@code [space, "set", 0..n)}. */
  static void sequentialSets(KvTemplate kv, String space, int n) {
    for (int i = 0; i < n; i++) {
      kv.set(KvKey.of(space, "set", i), VALUE);
    }
  }

  /** {@code writers} threads each setting {@code perWriter} keys under {@code [space, "w", writer]}. */
  static void concurrentSets(KvTemplate kv, String space, int writers, int perWriter) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perWriter; i++) {
            kv.set(KvKey.of(space, "w", writer, i), VALUE);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * {@code writers} chains of asynchronous sets, each starting its next set when the previous one
   * is durable: the shape of Deno's concurrent writers (async loops on one event loop).
   */
  static void concurrentAsyncSets(KvTemplate kv, String space, int writers, int perWriter) {
    CompletableFuture<?>[] chains = new CompletableFuture<?>[writers];
    for (int w = 0; w < writers; w++) {
      chains[w] = asyncChain(kv, space, w, 0, perWriter);
    }
    CompletableFuture.allOf(chains).join();
  }

  private static CompletableFuture<Void> asyncChain(KvTemplate kv, String space, int writer, int i, int n) {
    if (i == n) {
      return CompletableFuture.completedFuture(null);
    }
    return kv.setAsync(KvKey.of(space, "w", writer, i), VALUE)
        .thenCompose(stamp -> asyncChain(kv, space, writer, i + 1, n));
  }
}
