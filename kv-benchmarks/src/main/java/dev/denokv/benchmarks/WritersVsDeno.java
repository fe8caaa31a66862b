package dev.denokv.benchmarks;

import dev.denokv.KvTemplate;
import dev.denokv.sqlite.BatchCommit;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * 16 concurrent durable writers, embedded SQLite through {@link KvTemplate} against the Deno CLI
 * ({@code sqlite-writers.ts}), in rounds that take turns as {@link SqliteVsDeno} does, and where
 * the Java side's time goes: every group commit is observed
 * ({@link SqliteDatabase#observeCommits}) for its size, its time in SQL, in {@code COMMIT} and in
 * handing results back, and the WAL frames it appended (read from the WAL index, whose header
 * holds the last frame and the checkpointed one). Each round also measures the disk
 * ({@link FsyncProbe}): what an fsync of N appended pages costs, and so the most a group commit of
 * the observed size and page count could reach if it cost no CPU.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.WritersVsDeno
 * <deno binary> [writes per writer] [rounds]}; {@code -} for the Deno binary runs the Java side
 * alone (for a profiler).
 */
public final class WritersVsDeno {

  private static final int WRITERS = 16;

  private WritersVsDeno() {}

  /** One observed Java pass. */
  record Pass(double writesPerSecond, Batches batches) {}

  /** Per-batch records of one pass, filled on the writer thread. */
  static final class Batches {
    final List<BatchCommit> commits = new ArrayList<>();
    final List<Integer> frames = new ArrayList<>();
    final List<Boolean> checkpointed = new ArrayList<>();

    double mean(ToDoubleFunction<Integer> f) {
      return frames.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    double medianOf(ToDoubleFunction<BatchCommit> f, boolean withCheckpoint) {
      double[] v = new double[commits.size()];
      int n = 0;
      for (int i = 0; i < commits.size(); i++) {
        if (checkpointed.get(i) == withCheckpoint) {
          v[n++] = f.applyAsDouble(commits.get(i));
        }
      }
      return median(Arrays.copyOf(v, n));
    }

    double meanOf(ToDoubleFunction<BatchCommit> f) {
      return commits.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The time checkpointing commits took beyond the median commit without one. */
    double checkpointNanos() {
      double plain = medianOf(BatchCommit::commitNanos, false);
      double sum = 0;
      for (int i = 0; i < commits.size(); i++) {
        if (checkpointed.get(i)) {
          sum += Math.max(0, commits.get(i).commitNanos() - plain);
        }
      }
      return sum;
    }

    int checkpoints() {
      return (int) checkpointed.stream().filter(b -> b).count();
    }

    /** Writes per batch: the share of batches carrying 1–4, 5–8, 9–12, 13–15 and 16 writes. */
    String sizes() {
      int[] buckets = new int[5];
      for (BatchCommit c : commits) {
        int w = c.writes();
        buckets[w <= 4 ? 0 : w <= 8 ? 1 : w <= 12 ? 2 : w < 16 ? 3 : 4]++;
      }
      StringBuilder s = new StringBuilder();
      for (int b : buckets) {
        s.append(s.length() == 0 ? "" : " / ").append(Math.round(100.0 * b / Math.max(1, commits.size())));
      }
      return s.toString();
    }
  }

  /** Reads the WAL index header of a database in WAL mode: SQLite's file format, section 4.5. */
  static final class WalIndex implements AutoCloseable {
    private final FileChannel channel;
    private final MappedByteBuffer header;
    private int lastFrame;
    private int lastBackfill;

    WalIndex(Path db) throws IOException {
      channel = FileChannel.open(Path.of(db + "-shm"), StandardOpenOption.READ);
      header = channel.map(FileChannel.MapMode.READ_ONLY, 0, 136);
      header.order(ByteOrder.nativeOrder());
      lastFrame = header.getInt(16);
      lastBackfill = header.getInt(96);
    }

    /** Records the frames appended since the previous call and whether a checkpoint ran. */
    void record(Batches into, BatchCommit commit) {
      int frame = header.getInt(16); // mxFrame: the last valid frame
      int backfill = header.getInt(96); // nBackfill: frames copied back into the database
      into.commits.add(commit);
      into.frames.add(frame >= lastFrame ? frame - lastFrame : frame); // restarted after a checkpoint
      into.checkpointed.add(backfill > lastBackfill); // a restart sets it back to 0
      lastFrame = frame;
      lastBackfill = backfill;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: WritersVsDeno <deno binary> [writes per writer] [rounds]");
      System.exit(2);
    }
    Path deno = Path.of(args[0]);
    int perWriter = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    runJava(perWriter / 2); // compiles the Java side once
    List<Map<String, Pass>> java = new ArrayList<>();
    List<Double> denoRates = new ArrayList<>();
    List<FsyncProbe.Fit> disks = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      disks.add(FsyncProbe.fit(tmp, 60));
      if (round % 2 == 0) {
        java.add(runJava(perWriter));
        denoRates.add(runDeno(deno, perWriter));
      } else {
        denoRates.add(runDeno(deno, perWriter));
        java.add(runJava(perWriter));
      }
      FsyncProbe.Fit d = disks.get(round);
      System.err.printf("round %d: disk %.0f µs + %.1f µs/page; Deno %,.0f; Java threads %,.0f, async %,.0f%n",
          round + 1, d.fixedMicros(), d.perPageMicros(), denoRates.get(round),
          java.get(round).get("threads").writesPerSecond(), java.get(round).get("async").writesPerSecond());
    }
    System.out.printf("%d rounds, %d writers × %d durable sets%n%n", rounds, WRITERS, perWriter);
    System.out.println("| round | disk: fsync + per page (µs) | Deno (commits/s) | Java threads | Java async | threads / Deno | async / Deno |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
    double[] ratioT = new double[rounds];
    double[] ratioA = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double t = java.get(r).get("threads").writesPerSecond();
      double a = java.get(r).get("async").writesPerSecond();
      ratioT[r] = t / denoRates.get(r);
      ratioA[r] = a / denoRates.get(r);
      System.out.printf("| %d | %.0f + %.1f | %,.0f | %,.0f | %,.0f | %.1f× | %.1f× |%n", r + 1,
          disks.get(r).fixedMicros(), disks.get(r).perPageMicros(), denoRates.get(r), t, a, ratioT[r], ratioA[r]);
    }
    System.out.printf("| **median** | | %,.0f | %,.0f | %,.0f | %.1f× | %.1f× |%n%n",
        median(denoRates.stream().mapToDouble(d -> d).toArray()),
        median(java.stream().mapToDouble(m -> m.get("threads").writesPerSecond()).toArray()),
        median(java.stream().mapToDouble(m -> m.get("async").writesPerSecond()).toArray()),
        median(ratioT), median(ratioA));
    System.out.println("Where a group commit's time goes (per round medians of each pass's batches; µs):");
    System.out.println();
    System.out.println("| round | pass | batches | writes/batch (mean) | batches with 1–4 / 5–8 / 9–12 / 13–15 / 16 writes (%) | WAL frames/batch (mean) | idle | SQL | COMMIT | COMMIT with checkpoint (n) | hand back | cycle (mean) | share of time in checkpoints | disk-only ceiling (writes/s) | measured / ceiling |");
    System.out.println("|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int r = 0; r < rounds; r++) {
      for (String pass : List.of("threads", "async")) {
        Pass p = java.get(r).get(pass);
        Batches b = p.batches();
        double writes = b.meanOf(BatchCommit::writes);
        double frames = b.mean(f -> f);
        double cycle = b.meanOf(c -> c.idleNanos() + c.sqlNanos() + c.commitNanos() + c.completeNanos()) / 1e3;
        double ceiling = writes / (disks.get(r).commitMicros(frames) / 1e6);
        double checkpointShare = b.checkpointNanos() / (cycle * 1e3 * b.commits.size());
        System.out.printf("| %d | %s | %d | %.1f | %s | %.1f | %.0f | %.0f | %.0f | %.0f (%d) | %.0f | %.0f | %.0f %% | %,.0f | %.0f %% |%n",
            r + 1, pass, b.commits.size(), writes, b.sizes(), frames,
            b.medianOf(BatchCommit::idleNanos, false) / 1e3, b.medianOf(BatchCommit::sqlNanos, false) / 1e3,
            b.medianOf(BatchCommit::commitNanos, false) / 1e3, b.medianOf(BatchCommit::commitNanos, true) / 1e3,
            b.checkpoints(), b.medianOf(BatchCommit::completeNanos, false) / 1e3, cycle, 100 * checkpointShare, ceiling,
            100 * p.writesPerSecond() / ceiling);
      }
    }
  }

  /** One Java run: a fresh file, both passes at half size as a warm-up, then both observed. */
  static Map<String, Pass> runJava(int perWriter) throws Exception {
    Path dir = Files.createTempDirectory("kv-bench-java");
    Path file = dir.resolve("bench.sqlite3");
    SqliteDatabase db = SqliteDatabase.open(file);
    try (Closeable cleanup = () -> deleteTree(dir);
        KvTemplate kv = KvTemplate.builder(db).valueCodec(DenoValueCodec.defaults()).build();
        WalIndex wal = new WalIndex(file)) {
      Workloads.concurrentSets(kv, "warm", WRITERS, Math.max(1, perWriter / 2));
      Workloads.concurrentAsyncSets(kv, "warm-async", WRITERS, Math.max(1, perWriter / 2));
      Map<String, Pass> out = new LinkedHashMap<>();
      out.put("threads", observed(db, wal, () -> Workloads.concurrentSets(kv, "bench", WRITERS, perWriter), perWriter));
      out.put("async", observed(db, wal,
          () -> Workloads.concurrentAsyncSets(kv, "bench-async", WRITERS, perWriter), perWriter));
      return out;
    }
  }

  private static Pass observed(SqliteDatabase db, WalIndex wal, Workloads.Body body, int perWriter) throws Exception {
    Batches batches = new Batches();
    wal.record(new Batches(), new BatchCommit(0, 0, 0, 0, 0)); // start counting frames here
    db.observeCommits(c -> wal.record(batches, c));
    long t0 = System.nanoTime();
    body.run();
    double rate = (double) WRITERS * perWriter / ((System.nanoTime() - t0) / 1e9);
    db.observeCommits(null);
    return new Pass(rate, batches);
  }

  static double runDeno(Path deno, int perWriter) throws IOException, InterruptedException {
    if (deno.toString().equals("-")) {
      return Double.NaN; // the Java side alone, for profiling
    }
    Path dir = Files.createTempDirectory("kv-bench-deno");
    try {
      return DenoScript.run(deno, "sqlite-writers.ts",
          List.of(dir.resolve("bench.sqlite3").toString(), Integer.toString(perWriter)), Map.of()).get("concurrent16");
    } finally {
      deleteTree(dir);
    }
  }

  /** Deletes the run's directory and the database files in it. */
  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
