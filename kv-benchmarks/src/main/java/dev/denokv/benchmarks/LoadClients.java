package dev.denokv.benchmarks;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One client process of {@link KvConnectLoad}: several Java clients, each with its own
 * {@link RemoteDatabase} (its own connections), running the load loop of {@code load-client.ts}
 * against one KV Connect server. Each round is one atomic write (a sum on the shared total, a sum
 * on the client's own counter, a set of a small record), then one read of the client's counter,
 * which must equal the client's acknowledged writes.
 *
 * <p>The clients loop from their start until {@code end}; operations started between
 * {@code start} and {@code end} (epoch milliseconds, shared by every process of the run) are the
 * measured ones. The process writes its figures to {@code out} in the format of
 * {@link LoadReport#parse}.
 *
 * <p>Usage: {@code LoadClients <url> <access token> <clients> <id prefix> <space> <start> <end> <out>}
 */
public final class LoadClients {

  private LoadClients() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      System.err.println("usage: LoadClients <url> <access token> <clients> <id prefix> <space> <start ms> <end ms> <out>");
      System.exit(2);
    }
    String url = args[0];
    String token = args[1];
    int clients = Integer.parseInt(args[2]);
    String prefix = args[3];
    KvKey space = KvKey.of("load", args[4]);
    long start = Long.parseLong(args[5]);
    long end = Long.parseLong(args[6]);
    Path out = Path.of(args[7]);

    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<LoadReport.Client>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String id = prefix + "-" + c;
      futures.add(pool.submit(() -> runClient(url, token, space, id, start, end)));
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Future<LoadReport.Client> f : futures) {
        f.get().write(w);
      }
    }
    pool.shutdown();
    System.exit(0);
  }

  private static LoadReport.Client runClient(String url, String token, KvKey space, String id, long start, long end)
      throws IOException {
    RemoteDatabase remote = RemoteDatabase.builder().url(url).accessToken(token).build();
    try (KvTemplate kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build()) {
      KvKey total = space.append("total");
      KvKey mine = space.append("client", id);
      KvKey last = space.append("last", id);
      long acknowledged = 0;
      long errors = 0;
      Samples writes = new Samples();
      Samples reads = new Samples();
      String firstError = null;
      long now;
      while ((now = System.currentTimeMillis()) < end) {
        boolean measured = now >= start;
        try {
          long t0 = System.nanoTime();
          if (!kv.atomic().sum(total, KvU64.of(1)).sum(mine, KvU64.of(1)).set(last, Workloads.VALUE).commit().ok()) {
            throw new IllegalStateException("an unchecked write failed");
          }
          long t1 = System.nanoTime();
          acknowledged++;
          if (measured) {
            writes.add(t1 - t0);
          }
          KvEntry<KvU64> own = kv.get(mine, KvU64.class);
          long t2 = System.nanoTime();
          if (own.value() == null || own.value().bits() != acknowledged) {
            throw new IllegalStateException("read " + own.value() + " after " + acknowledged + " writes");
          }
          if (measured) {
            reads.add(t2 - t1);
          }
        } catch (RuntimeException e) {
          if (measured) {
            errors++;
          }
          if (firstError == null) {
            firstError = e.toString();
            System.err.println("client " + id + ": " + firstError);
          }
        }
      }
      return new LoadReport.Client(id, acknowledged, errors, writes.sorted(), reads.sorted());
    }
  }

  /** A growing array of latencies in nanoseconds. */
  private static final class Samples {
    private long[] values = new long[4096];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    long[] sorted() {
      long[] r = Arrays.copyOf(values, size);
      Arrays.sort(r);
      return r;
    }
  }
}
