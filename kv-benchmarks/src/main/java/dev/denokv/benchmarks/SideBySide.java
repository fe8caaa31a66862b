package dev.denokv.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Any number of sides of a comparison, run in turns for several rounds with the order rotated
 * every round (each side goes first, in the middle and last as often), so that drift in the
 * machine's speed hits all of them; then a Markdown table of each side's median and the median
 * and range of the per-round ratios of each side to a reference side.
 */
final class SideBySide {

  /** One run of one side: ops/s per workload. */
  interface Run {
    Map<String, Double> run(int round) throws Exception;
  }

  /** One side: its column name and how to run it. */
  record Side(String name, Run run) {}

  private final List<Side> sides;
  private final Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();

  private SideBySide(List<Side> sides) {
    this.sides = sides;
    sides.forEach(s -> results.put(s.name(), new ArrayList<>()));
  }

  static SideBySide run(int rounds, List<Side> sides) throws Exception {
    SideBySide r = new SideBySide(sides);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < sides.size(); i++) {
        Side side = sides.get((round + i) % sides.size());
        Map<String, Double> figures = side.run().run(round);
        r.results.get(side.name()).add(figures);
        System.err.printf("round %d: %s %s%n", round + 1, side.name(), figures);
      }
    }
    return r;
  }

  /**
   * Prints the table: the workloads of the first side, each side's median, and each other side's
   * ratio to {@code reference}; {@code referenceWorkload} names the reference figure each
   * workload compares with.
   */
  void print(String reference, UnaryOperator<String> referenceWorkload) {
    List<String> compared = sides.stream().map(Side::name).filter(n -> !n.equals(reference)).toList();
    StringBuilder header = new StringBuilder("| workload |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Side s : sides) {
      header.append(' ').append(s.name()).append(" (ops/s, median) |");
      rule.append("---:|");
    }
    for (String name : compared) {
      header.append(' ').append(name).append(" / ").append(reference).append(" (median) | range |");
      rule.append("---:|---:|");
    }
    System.out.println(header);
    System.out.println(rule);
    for (String workload : results.get(sides.get(0).name()).get(0).keySet()) {
      StringBuilder row = new StringBuilder("| " + workload + " |");
      for (Side s : sides) {
        String w = s.name().equals(reference) ? referenceWorkload.apply(workload) : workload;
        row.append(String.format(" %,.0f |", median(results.get(s.name()), w)));
      }
      for (String name : compared) {
        double[] ratios = ratios(results.get(name), workload, results.get(reference),
            referenceWorkload.apply(workload));
        row.append(String.format(" %.1f× | %.1f×–%.1f× |", median(ratios), ratios[0], ratios[ratios.length - 1]));
      }
      System.out.println(row);
    }
  }

  /**
   * Prints, for each side that has them, how many times its sequential figure {@code base} each
   * of the {@code concurrent} workloads reaches (the median and range of the per-round ratios).
   */
  void printSpeedUps(String base, List<String> concurrent) {
    System.out.printf("| side | workload | × its own %s (median) | range |%n", base);
    System.out.println("|---|---|---:|---:|");
    for (Side s : sides) {
      List<Map<String, Double>> runs = results.get(s.name());
      for (String workload : concurrent) {
        if (!runs.get(0).containsKey(workload) || !runs.get(0).containsKey(base)) {
          continue;
        }
        double[] ratios = ratios(runs, workload, runs, base);
        System.out.printf("| %s | %s | %.1f× | %.1f×–%.1f× |%n", s.name(), workload, median(ratios), ratios[0],
            ratios[ratios.length - 1]);
      }
    }
  }

  private static double[] ratios(List<Map<String, Double>> over, String overWorkload, List<Map<String, Double>> under,
      String underWorkload) {
    double[] ratios = new double[over.size()];
    for (int round = 0; round < ratios.length; round++) {
      ratios[round] = over.get(round).getOrDefault(overWorkload, Double.NaN)
          / under.get(round).getOrDefault(underWorkload, Double.NaN);
    }
    Arrays.sort(ratios);
    return ratios;
  }

  private static double median(List<Map<String, Double>> runs, String workload) {
    return median(runs.stream().mapToDouble(r -> r.getOrDefault(workload, Double.NaN)).sorted().toArray());
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
