package dev.denokv.benchmarks;

import static dev.denokv.benchmarks.Workloads.measure;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The remote workloads run through {@link KvTemplate} over {@link RemoteDatabase}: sequential set
 * and get round trips, and sets from 16 concurrent writers. Mirrors {@code remote-workloads.ts}.
 */
final class RemoteWorkloads {

  static final int WRITERS = 16;

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
      measure(r, "sequential set", n, () -> Workloads.sequentialSets(kv, space, n));
      int reads = (int) Math.round(2000 * scale);
      measure(r, "sequential get", reads, () -> {
        for (int i = 0; i < reads; i++) {
          if (!kv.get(KvKey.of(space, "set", i % n), Workloads.Profile.class).exists()) {
            throw new IllegalStateException("missing entry " + i % n);
          }
        }
      });
      int perWriter = (int) Math.round(100 * scale);
      measure(r, "16-way concurrent set", (long) WRITERS * perWriter,
          () -> Workloads.concurrentSets(kv, space, WRITERS, perWriter));
    }
    return r;
  }
}
