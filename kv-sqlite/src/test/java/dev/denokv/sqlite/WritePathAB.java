package dev.denokv.sqlite;

import dev.denokv.key.KvKey;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Mutation;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Compares two ways of checkpointing the writer's WAL in one JVM, on two database files: 16
 * writers (threads, then asynchronous chains) taking turns in bursts on the two files, after
 * unrecorded bursts; prints the median of the per-pair ratios B / A and their quartiles. A control
 * (both files alike) measures the method's own bias. Run as a main program, not a test:
 * {@code java -cp <test classpath> dev.denokv.sqlite.WritePathAB <B> [A] [pairs] [writes per writer]}
 * with {@code B} and {@code A} each one of {@code in-commit} (the default), {@code background}
 * (checkpoints off the commit path), {@code in-flight} (batches wait for the writes in flight) or
 * {@code in-commit-N} (automatic checkpoint at N frames).
 */
public final class WritePathAB {

  private static final int WRITERS = 16;
  /** About the size of the benchmarks' small record in V8 serialization. */
  private static final EncodedValue VALUE = new EncodedValue(ValueEncoding.BYTES, new byte[48]);

  private WritePathAB() {}

  public static void main(String[] args) throws Exception {
    WritePath b = parse(args[0]);
    WritePath a = parse(args.length > 1 ? args[1] : "in-commit");
    int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int perWriter = args.length > 3 ? Integer.parseInt(args[3]) : 300;
    Path dir = Files.createTempDirectory("kv-ab");
    try (SqliteDatabase dbA = SqliteDatabase.open(dir.resolve("a.sqlite3"), SqliteOptions.defaults(), a);
        SqliteDatabase dbB = SqliteDatabase.open(dir.resolve("b.sqlite3"), SqliteOptions.defaults(), b)) {
      for (String mode : List.of("threads", "async")) {
        double[] ratios = new double[pairs];
        double[] ratesA = new double[pairs];
        double[] ratesB = new double[pairs];
        int[] burst = {0};
        for (int p = -pairs / 2; p < pairs; p++) { // the first half unrecorded
          boolean aFirst = (p & 1) == 0;
          double ra = 0;
          double rb = 0;
          for (int side = 0; side < 2; side++) {
            boolean runA = (side == 0) == aFirst;
            double r = burst(runA ? dbA : dbB, mode, burst[0]++, perWriter);
            if (runA) {
              ra = r;
            } else {
              rb = r;
            }
          }
          if (p >= 0) {
            ratios[p] = rb / ra;
            ratesA[p] = ra;
            ratesB[p] = rb;
          }
        }
        Arrays.sort(ratios);
        System.out.printf("%s: B %s / A %s: median %.2f (quartiles %.2f–%.2f), A %,.0f, B %,.0f writes/s (medians)%n",
            mode, args[0], args.length > 1 ? args[1] : "in-commit", ratios[pairs / 2], ratios[pairs / 4],
            ratios[3 * pairs / 4], median(ratesA), median(ratesB));
      }
      System.out.printf("WAL files: A %,d bytes, B %,d bytes%n", Files.size(dir.resolve("a.sqlite3-wal")),
          Files.size(dir.resolve("b.sqlite3-wal")));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static WritePath parse(String name) {
    if (name.equals("background")) {
      return WritePath.BACKGROUND;
    }
    if (name.equals("in-flight")) {
      return WritePath.IN_FLIGHT;
    }
    if (name.equals("in-commit")) {
      return WritePath.IN_COMMIT;
    }
    if (name.startsWith("in-commit-")) {
      return new WritePath(false, Integer.parseInt(name.substring("in-commit-".length())), false);
    }
    throw new IllegalArgumentException("unknown write path " + name);
  }

  /** One burst of 16 writers × {@code perWriter} sets, each writer in its own key range; writes/s. */
  private static double burst(SqliteDatabase db, String mode, int burst, int perWriter) throws Exception {
    long t0 = System.nanoTime();
    if (mode.equals("threads")) {
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        Thread t = new Thread(() -> {
          for (int i = 0; i < perWriter; i++) {
            CommitResult r = db.atomicWrite(write(burst, writer, i));
            if (!(r instanceof CommitResult.Committed)) {
              throw new IllegalStateException("not committed: " + r);
            }
          }
        });
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
    } else {
      CompletableFuture<?>[] chains = new CompletableFuture<?>[WRITERS];
      for (int w = 0; w < WRITERS; w++) {
        chains[w] = chain(db, burst, w, 0, perWriter);
      }
      CompletableFuture.allOf(chains).join();
    }
    return (double) WRITERS * perWriter / ((System.nanoTime() - t0) / 1e9);
  }

  private static CompletableFuture<Void> chain(SqliteDatabase db, int burst, int writer, int i, int n) {
    if (i == n) {
      return CompletableFuture.completedFuture(null);
    }
    return db.atomicWriteAsync(write(burst, writer, i)).thenCompose(r -> chain(db, burst, writer, i + 1, n));
  }

  private static AtomicWrite write(int burst, int writer, int i) {
    byte[] key = KvKey.of("b" + burst, "w", writer, i).encode();
    return new AtomicWrite(List.of(), List.of(Mutation.set(key, VALUE, 0)), List.of());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
