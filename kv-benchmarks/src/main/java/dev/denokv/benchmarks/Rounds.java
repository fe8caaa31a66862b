package dev.denokv.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The Java side and the Deno side of a comparison, run in turns for several rounds with the order
 * swapped every round, so that drift in the machine's speed hits both; then a Markdown table of
 * each side's median and the median and range of the per-round ratios.
 */
final class Rounds {

  /** One run of one side: ops/s per workload. */
  interface Side {
    Map<String, Double> run(int round) throws Exception;
  }

  private final List<Map<String, Double>> java = new ArrayList<>();
  private final List<Map<String, Double>> deno = new ArrayList<>();

  private Rounds() {}

  static Rounds run(int rounds, Side javaSide, Side denoSide) throws Exception {
    Rounds r = new Rounds();
    for (int round = 0; round < rounds; round++) {
      if (round % 2 == 0) {
        r.java.add(javaSide.run(round));
        r.deno.add(denoSide.run(round));
      } else {
        r.deno.add(denoSide.run(round));
        r.java.add(javaSide.run(round));
      }
      System.err.printf("round %d: Java %s%n         Deno %s%n", round + 1, r.java.get(round), r.deno.get(round));
    }
    return r;
  }

  /**
   * Prints the table; {@code denoWorkload} names the Deno figure each Java workload compares with,
   * {@code digits} the decimals of the ratios.
   */
  void print(String javaColumn, String denoColumn, UnaryOperator<String> denoWorkload, int digits) {
    String ratio = "%." + digits + "f×";
    System.out.printf("| workload | %s (ops/s, median) | %s (ops/s, median) | Java / Deno (median) | Java / Deno (range) |%n",
        javaColumn, denoColumn);
    System.out.println("|---|---:|---:|---:|---:|");
    for (String workload : java.get(0).keySet()) {
      String denoName = denoWorkload.apply(workload);
      double[] ratios = new double[java.size()];
      for (int round = 0; round < ratios.length; round++) {
        ratios[round] = java.get(round).get(workload) / deno.get(round).getOrDefault(denoName, Double.NaN);
      }
      Arrays.sort(ratios);
      System.out.printf("| %s | %,.0f | %,.0f | " + ratio + " | " + ratio + "–" + ratio + " |%n", workload,
          median(java, workload), median(deno, denoName), median(ratios), ratios[0], ratios[ratios.length - 1]);
    }
  }

  private static double median(List<Map<String, Double>> runs, String workload) {
    return median(runs.stream().mapToDouble(r -> r.getOrDefault(workload, Double.NaN)).sorted().toArray());
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
