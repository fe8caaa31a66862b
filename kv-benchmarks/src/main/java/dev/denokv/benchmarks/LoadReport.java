package dev.denokv.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the client processes of {@link KvConnectLoad} report, one block of three lines per client:
 * {@code client <id> <acknowledged writes> <errors>}, then the measured atomic writes' latencies
 * and the measured reads' latencies in nanoseconds, space-separated. {@link LoadClients} and
 * {@code load-client.ts} write it.
 */
final class LoadReport {

  /**
   * One client: its id, every write acknowledged (warm-up included, for the consistency check),
   * the errors and the latencies of the operations in the measured window.
   */
  record Client(String id, long acknowledged, long errors, long[] writes, long[] reads) {

    void write(Writer w) throws IOException {
      w.write("client " + id + " " + acknowledged + " " + errors + "\n");
      line(w, writes);
      line(w, reads);
    }

    private static void line(Writer w, long[] values) throws IOException {
      StringBuilder b = new StringBuilder(values.length * 8);
      for (long v : values) {
        if (!b.isEmpty()) {
          b.append(' ');
        }
        b.append(v);
      }
      w.write(b.append('\n').toString());
    }
  }

  private LoadReport() {}

  /** Reads every client block of {@code file}. */
  static List<Client> parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i + 2 < lines.size(); i += 3) {
      String[] head = lines.get(i).split(" ");
      if (head.length != 4 || !head[0].equals("client")) {
        throw new IllegalStateException("bad report line in " + file + ": " + lines.get(i));
      }
      clients.add(new Client(head[1], Long.parseLong(head[2]), Long.parseLong(head[3]),
          numbers(lines.get(i + 1)), numbers(lines.get(i + 2))));
    }
    return clients;
  }

  private static long[] numbers(String line) {
    String trimmed = line.trim();
    return trimmed.isEmpty() ? new long[0] : Arrays.stream(trimmed.split(" ")).mapToLong(Long::parseLong).toArray();
  }

  /** The {@code q} quantile (0..1) of the union of {@code parts}, exactly. */
  static double quantile(List<long[]> parts, double q) {
    long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    if (all.length == 0) {
      return Double.NaN;
    }
    return all[(int) Math.min(all.length - 1, Math.floor(q * all.length))];
  }
}
