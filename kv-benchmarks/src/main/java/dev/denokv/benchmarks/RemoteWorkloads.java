package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The remote workloads run through {@link KvTemplate} over {@link RemoteDatabase}: sequential set
 * and get round trips, and sets from 16 concurrent writers. Mirrors {@code remote-workloads.ts}.
 */
final class RemoteWorkloads {

  static final int WRITERS = 16;
  /** The value every set writes, the same object as the Deno script's. */
  static final SqliteVsDeno.Profile VALUE = new SqliteVsDeno.Profile("user", 42, List.of("a", "b", "c"), true);

  private final String url;
  private final String accessToken;

  RemoteWorkloads(String url, String accessToken) {
    this.url = url;
    this.accessToken = accessToken;
  }

  /** Runs every workload under the key space {@code space}; ops/s per workload. */
  Map<String, Double> run(String space, double scale) throws Exception {
    Map<String, Double> r = new LinkedHashMap<>();
    RemoteDatabase remote = RemoteDatabase.builder().url(url).accessToken(accessToken).build();
    try (KvTemplate kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build()) {
      kv.get(KvKey.of(space, "connect")); // the metadata exchange is not measured
      int n = (int) Math.round(1000 * scale);
      measure(r, "sequential set", n, () -> {
        for (int i = 0; i < n; i++) {
          kv.set(KvKey.of(space, "set", i), VALUE);
        }
      });
      int reads = (int) Math.round(2000 * scale);
      measure(r, "sequential get", reads, () -> {
        for (int i = 0; i < reads; i++) {
          if (!kv.get(KvKey.of(space, "set", i % n), SqliteVsDeno.Profile.class).exists()) {
            throw new IllegalStateException("missing entry " + i % n);
          }
        }
      });
      int perWriter = (int) Math.round(100 * scale);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        measure(r, "16-way concurrent set", (long) WRITERS * perWriter, () -> {
          List<Future<?>> futures = new ArrayList<>();
          for (int w = 0; w < WRITERS; w++) {
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
        });
      } finally {
        pool.shutdown();
      }
    }
    return r;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static void measure(Map<String, Double> results, String name, long ops, Body body) throws Exception {
    long t0 = System.nanoTime();
    body.run();
    results.put(name, ops / ((System.nanoTime() - t0) / 1e9));
  }
}
