package dev.denokv.benchmarks;

import static dev.denokv.benchmarks.Workloads.measure;

import dev.denokv.AtomicOperation;
import dev.denokv.KvEntry;
import dev.denokv.KvList;
import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists pages of 1,000 entries on the embedded SQLite backend through {@link KvTemplate}, each value
 * decoded into a Java record, and the same with the Deno CLI on its own SQLite backend
 * ({@code sqlite-list-workloads.ts}), for several value shapes ({@link ListShapes}); prints entries
 * per second side by side.
 *
 * <p>Each side lists a prefix page by page as an application does: {@code list(prefix, limit 1000)}
 * continued with the previous page's cursor until a page comes back short, reading the fields of
 * every value. Each run writes every shape to a fresh file, lists every shape once unrecorded, then
 * lists each shape {@code passes} times, measured. The sides take turns for several rounds, swapping
 * which goes first; the JVM runs one unrecorded run first, so that its JIT compiler has done its
 * work.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.SqliteListVsDeno
 * <deno binary> [scale] [rounds] [passes]}; with {@code -} for the Deno binary, only the Java side
 * runs (one run per round), for profiling.
 */
public final class SqliteListVsDeno {

  static final int PAGE = 1000;

  private SqliteListVsDeno() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SqliteListVsDeno <deno binary, or - for the Java side alone> [scale] [rounds] [passes]");
      System.exit(2);
    }
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    if (args[0].equals("-")) {
      // The Java side alone, for profiling: one run per round.
      for (int round = 0; round < rounds; round++) {
        System.out.printf("round %d: Java %s%n", round + 1, runJava(scale, passes));
      }
      return;
    }
    Path deno = Path.of(args[0]);
    runJava(scale, passes); // compiles the Java side once; a Deno process warms its JIT in its own pass
    Rounds results = Rounds.run(rounds, round -> runJava(scale, passes), round -> runDeno(deno, scale, passes));
    System.out.printf("%d rounds, scale %s, %d passes, entries/s%n%n", rounds, args.length > 1 ? args[1] : "1",
        passes);
    results.print("Java", "Deno 2.9.6", w -> w, 2);
  }

  /** The entry count of {@code shape} at {@code scale}: whole pages, at least one. */
  static int entries(ListShapes.Shape<?> shape, double scale) {
    return Math.max(PAGE, (int) Math.round(shape.entries() * scale / PAGE) * PAGE);
  }

  /** One Java run: a fresh file, every shape written, listed once unrecorded, then measured. */
  static Map<String, Double> runJava(double scale, int passes) throws Exception {
    Path dir = Files.createTempDirectory("kv-bench-list-java");
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(dir.resolve("bench.sqlite3")))
        .valueCodec(DenoValueCodec.defaults()).build()) {
      for (ListShapes.Shape<?> shape : ListShapes.ALL) {
        fill(kv, shape, entries(shape, scale));
      }
      for (ListShapes.Shape<?> shape : ListShapes.ALL) {
        listAll(kv, shape, entries(shape, scale));
      }
      Map<String, Double> r = new LinkedHashMap<>();
      for (ListShapes.Shape<?> shape : ListShapes.ALL) {
        int n = entries(shape, scale);
        measure(r, shape.name(), (long) n * passes, () -> {
          for (int pass = 0; pass < passes; pass++) {
            listAll(kv, shape, n);
          }
        });
      }
      return r;
    }
  }

  /** Writes entries {@code [ "list", shape, 0..n) }, 100 to an atomic operation. */
  static <T> void fill(KvTemplate kv, ListShapes.Shape<T> shape, int n) {
    for (int from = 0; from < n; from += 100) {
      AtomicOperation op = kv.atomic();
      for (int i = from; i < Math.min(n, from + 100); i++) {
        op.set(KvKey.of("list", shape.name(), i), shape.value().apply(i));
      }
      op.commit();
    }
  }

  /** Lists the shape's prefix in pages of 1,000, each continuing at the previous page's cursor. */
  static <T> long listAll(KvTemplate kv, ListShapes.Shape<T> shape, int expected) {
    ListSelector selector = ListSelector.prefix(KvKey.of("list", shape.name()));
    long sink = 0;
    int count = 0;
    String cursor = null;
    while (true) {
      KvList<T> page = kv.list(selector, shape.type(), ListOptions.defaults().withLimit(PAGE).withCursor(cursor));
      int inPage = 0;
      for (KvEntry<T> e : page) {
        sink += shape.touch().applyAsLong(e.value());
        inPage++;
      }
      count += inPage;
      if (inPage < PAGE) {
        break;
      }
      cursor = page.cursor();
    }
    if (count != expected) {
      throw new IllegalStateException(shape.name() + ": listed " + count + " of " + expected);
    }
    return sink;
  }

  static Map<String, Double> runDeno(Path deno, double scale, int passes) throws IOException, InterruptedException {
    Path file = Files.createTempDirectory("kv-bench-list-deno").resolve("bench.sqlite3");
    return DenoScript.run(deno, "sqlite-list-workloads.ts",
        List.of(file.toString(), Double.toString(scale), Integer.toString(passes)), Map.of());
  }
}
