package dev.denokv.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of processes by thread, from Linux's {@code /proc/<pid>/task/<tid>/stat}, grouped by
 * thread name with digits dropped (so that {@code http-nio-…-exec-12} and {@code -exec-3} count
 * together): where a server's CPU goes besides its request threads (JIT compiler, garbage
 * collector, the SQLite writer). Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

  /** Clock ticks per second of {@code /proc}'s times: 100 on every Linux this runs on. */
  private static final long TICKS_PER_SECOND = 100;

  private ThreadCpu() {}

  /** CPU ticks by thread group, summed over {@code processes}. */
  static Map<String, Long> sample(List<Process> processes) {
    Map<String, Long> ticks = new TreeMap<>();
    for (Process p : processes) {
      Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
      if (!Files.isDirectory(tasks)) {
        continue;
      }
      try (Stream<Path> threads = Files.list(tasks)) {
        for (Path t : threads.toList()) {
          String stat;
          try {
            stat = Files.readString(t.resolve("stat"));
          } catch (IOException e) {
            continue; // the thread ended
          }
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
          String[] f = stat.substring(close + 2).split(" ");
          // after the name: state(0) ... utime(11) stime(12)
          ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
        }
      } catch (IOException e) {
        // the process ended
      }
    }
    return ticks;
  }

  /** The CPU seconds between two samples of the groups whose name {@code matches}. */
  static double seconds(Map<String, Long> before, Map<String, Long> after, Predicate<String> matches) {
    long ticks = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      if (matches.test(e.getKey())) {
        ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
      }
    }
    return ticks / (double) TICKS_PER_SECOND;
  }

  /** The groups' CPU between two samples, in cores over {@code wallNanos}, largest first. */
  static String describe(Map<String, Long> before, Map<String, Long> after, long wallNanos) {
    Map<String, Double> cores = new LinkedHashMap<>();
    double seconds = wallNanos / 1e9;
    after.forEach((name, t) -> {
      long delta = t - before.getOrDefault(name, 0L);
      if (delta > 0) {
        cores.put(name, delta / (double) TICKS_PER_SECOND / seconds);
      }
    });
    return cores.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
