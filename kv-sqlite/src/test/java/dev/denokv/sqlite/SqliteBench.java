package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8Number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures commits per second on a temporary file: one writer committing sequentially, then 16
 * concurrent writers sharing fsyncs through group commit, for each durability. Run as a main
 * program, not a test: {@code java -cp <test classpath> dev.denokv.sqlite.SqliteBench [seq] [concurrent]}.
 */
public final class SqliteBench {

  private SqliteBench() {}

  public static void main(String[] args) throws Exception {
    int sequential = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 40_000;
    for (SqliteOptions.Durability durability : SqliteOptions.Durability.values()) {
      System.out.println("durability " + durability);
      run(sequential, concurrent, SqliteOptions.defaults().withDurability(durability));
    }
  }

  private static void run(int sequential, int concurrent, SqliteOptions options) throws Exception {
    int threads = 16;
    Path dir = Files.createTempDirectory("kv-bench");
    Path file = dir.resolve("bench.sqlite3");
    try (SqliteDatabase db = SqliteDatabase.open(file, options)) {
      for (int i = 0; i < 200; i++) {
        set(db, key("warmup", "" + i), v8Number(i));
      }
      long start = System.nanoTime();
      for (int i = 0; i < sequential; i++) {
        set(db, key("seq", "" + i), v8Number(i));
      }
      report("sequential commits", sequential, System.nanoTime() - start);

      int perThread = concurrent / threads;
      List<Thread> workers = new ArrayList<>();
      start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int id = t;
        Thread w = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            set(db, key("con", "" + id, "" + i), v8Number(i));
          }
        });
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        w.join();
      }
      report(threads + " concurrent writers", perThread * threads, System.nanoTime() - start);
    } finally {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(dir.resolve("bench.sqlite3" + suffix));
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void report(String what, int commits, long nanos) {
    double perSecond = commits / (nanos / 1e9);
    System.out.printf("%s: %d commits in %.2f s = %.0f commits/s%n", what, commits, nanos / 1e9, perSecond);
  }
}
