package dev.denokv.benchmarks;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many Java clients, each with its own {@link RemoteDatabase}, hammer one server for a bounded time:
 * every round adds 1 to a shared counter and to the client's own counter and sets a small record in
 * one atomic write, then reads the client's counter back. Afterwards the counters must equal the acknowledged writes.
 */
final class ServerLoad {

  /** What the run did and whether the final state adds up. */
  record Outcome(int clients, double seconds, long writes, long reads, long errors, boolean consistent) {

    double opsPerSecond() {
      return (writes + reads) / seconds;
    }

    String toMarkdown() {
      return String.format(
          "| server load | clients | duration | atomic writes | reads | ops/s | mean latency | errors | final counters |%n"
              + "|---|---:|---:|---:|---:|---:|---:|---:|---|%n"
              + "| KV Connect over SQLite | %d | %.1f s | %,d | %,d | %,.0f | %.2f ms | %d | %s |",
          clients, seconds, writes, reads, opsPerSecond(), clients * seconds * 1000 / (writes + reads), errors,
          consistent ? "consistent" : "INCONSISTENT");
    }
  }

  private record Tally(long writes, long reads, long errors) {}

  private ServerLoad() {}

  static Outcome run(String url, String accessToken, int clients, int seconds) throws Exception {
    KvKey space = KvKey.of("load", Long.toString(System.nanoTime()));
    KvKey total = space.append("total");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<KvTemplate> templates = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        KvTemplate kv = template(url, accessToken);
        kv.get(space.append("connect")); // the metadata exchange is not measured
        templates.add(kv);
      }
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Tally>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        KvTemplate kv = templates.get(c);
        KvKey mine = space.append("client", c);
        KvKey last = space.append("last", c);
        futures.add(pool.submit(() -> hammer(kv, total, mine, last, end)));
      }
      long writes = 0;
      long reads = 0;
      long errors = 0;
      List<Long> perClient = new ArrayList<>();
      for (Future<Tally> f : futures) {
        Tally t = f.get(seconds + 60L, TimeUnit.SECONDS);
        writes += t.writes();
        reads += t.reads();
        errors += t.errors();
        perClient.add(t.writes());
      }
      double elapsed = (System.nanoTime() - start) / 1e9;

      KvTemplate check = templates.get(0);
      boolean consistent = counter(check, total) == writes;
      for (int c = 0; c < clients; c++) {
        consistent &= counter(check, space.append("client", c)) == perClient.get(c);
      }
      return new Outcome(clients, elapsed, writes, reads, errors, consistent);
    } finally {
      pool.shutdown();
      templates.forEach(KvTemplate::close);
    }
  }

  private static KvTemplate template(String url, String accessToken) {
    RemoteDatabase remote = RemoteDatabase.builder().url(url).accessToken(accessToken).build();
    return KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build();
  }

  private static Tally hammer(KvTemplate kv, KvKey total, KvKey mine, KvKey last, long endNanos) {
    long writes = 0;
    long reads = 0;
    long errors = 0;
    while (System.nanoTime() < endNanos) {
      try {
        if (!kv.atomic().sum(total, KvU64.of(1)).sum(mine, KvU64.of(1)).set(last, Workloads.VALUE).commit().ok()) {
          throw new IllegalStateException("an unchecked write failed");
        }
        writes++;
        KvEntry<KvU64> own = kv.get(mine, KvU64.class);
        if (own.value() == null || own.value().bits() != writes) {
          throw new IllegalStateException("read " + own.value() + " after " + writes + " writes");
        }
        reads++;
      } catch (RuntimeException e) {
        errors++;
      }
    }
    return new Tally(writes, reads, errors);
  }

  private static long counter(KvTemplate kv, KvKey key) {
    KvU64 value = kv.get(key, KvU64.class).value();
    return value == null ? 0 : value.bits();
  }
}
