package dev.denokv.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures what a durable commit costs this disk, the way SQLite's WAL commits: append N frames
 * of a 24-byte header and a 4096-byte page (two writes each, as SQLite makes them) to a file that
 * already has its working size, then fsync it. The page counts take turns, cycle by cycle, so that
 * drift in the disk's speed hits all alike. Prints, per page count, the median time of the writes
 * and of the fsync, and a least-squares fit {@code commit = fixed + pages × per page}: with it, the
 * most commits per second a group commit of W writes that writes P pages can reach is
 * {@code W / (fixed + P × per page)}.
 *
 * <p>Usage: {@code java -cp kv-benchmarks/target/benchmarks.jar dev.denokv.benchmarks.FsyncProbe
 * [directory] [cycles per page count] [page counts...]}; the directory defaults to the one
 * {@code SqliteVsDeno} puts its databases in (the temporary directory).
 */
public final class FsyncProbe {

  private static final int PAGE = 4096;
  private static final int HEADER = 24;
  private static final int FRAME = HEADER + PAGE;
  /** The file's working size: about SQLite's WAL at its 1000-page autocheckpoint. */
  private static final int FRAMES_IN_FILE = 1000;

  private FsyncProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int[] pages = args.length > 2
        ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 3, 8, 16, 35, 64};
    Path file = Files.createTempFile(dir, "fsync-probe", ".wal");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocateDirect(HEADER);
      ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
      byte[] noise = new byte[PAGE];
      ThreadLocalRandom.current().nextBytes(noise);
      page.put(noise).flip();
      // Lay the file out at its working size first: fsyncs of a growing file cost more.
      for (int f = 0; f < FRAMES_IN_FILE; f++) {
        writeFrame(ch, header, page, (long) f * FRAME);
      }
      ch.force(true);
      long[][] writeNanos = new long[pages.length][cycles];
      long[][] syncNanos = new long[pages.length][cycles];
      long position = 0;
      int warmUp = Math.max(20, cycles / 10);
      for (int c = -warmUp; c < cycles; c++) {
        for (int i = 0; i < pages.length; i++) {
          int n = pages[(i + Math.max(c, 0)) % pages.length]; // rotate the order every cycle
          int slot = (i + Math.max(c, 0)) % pages.length;
          if (position + (long) n * FRAME > (long) FRAMES_IN_FILE * FRAME) {
            position = 0; // SQLite restarts its WAL from the start after a checkpoint
          }
          long t0 = System.nanoTime();
          for (int f = 0; f < n; f++) {
            writeFrame(ch, header, page, position);
            position += FRAME;
          }
          long t1 = System.nanoTime();
          ch.force(true);
          long t2 = System.nanoTime();
          if (c >= 0) {
            writeNanos[slot][c] = t1 - t0;
            syncNanos[slot][c] = t2 - t1;
          }
        }
      }
      System.out.printf("%s, %d cycles per page count (fsync after appending N frames of %d bytes)%n%n",
          file.getParent(), cycles, FRAME);
      System.out.println("| pages | writes (µs, median) | fsync (µs, median) | commit (µs, median) | commit (µs, p90) |");
      System.out.println("|---:|---:|---:|---:|---:|");
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < pages.length; i++) {
        long[] total = new long[cycles];
        for (int c = 0; c < cycles; c++) {
          total[c] = writeNanos[i][c] + syncNanos[i][c];
        }
        double commit = percentile(total, 0.5) / 1e3;
        System.out.printf("| %d | %.0f | %.0f | %.0f | %.0f |%n", pages[i], percentile(writeNanos[i], 0.5) / 1e3,
            percentile(syncNanos[i], 0.5) / 1e3, commit, percentile(total, 0.9) / 1e3);
        sx += pages[i];
        sy += commit;
        sxx += (double) pages[i] * pages[i];
        sxy += pages[i] * commit;
      }
      int k = pages.length;
      double perPage = (k * sxy - sx * sy) / (k * sxx - sx * sx);
      double fixed = (sy - perPage * sx) / k;
      System.out.printf("%nfit of the medians: commit = %.0f µs + pages × %.1f µs%n", fixed, perPage);
      for (int frames : new int[] {35, 45}) {
        System.out.printf("ceiling of a 16-write group commit of %d pages, CPU aside: %,.0f writes/s%n", frames,
            16 / ((fixed + frames * perPage) / 1e6));
      }
      System.out.printf("one commit of 3 pages (one Deno write), CPU aside: %,.0f commits/s%n",
          1 / ((fixed + 3 * perPage) / 1e6));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A disk's commit cost: {@code fixed + pages × perPage} microseconds. */
  record Fit(double fixedMicros, double perPageMicros) {
    double commitMicros(double pages) {
      return fixedMicros + pages * perPageMicros;
    }
  }

  /** A short measurement in {@code dir}: {@code cycles} commits of each of 1, 3, 16 and 35 pages. */
  static Fit fit(Path dir, int cycles) throws IOException {
    int[] pages = {1, 3, 16, 35};
    double[] medians = new double[pages.length];
    long[][] total = new long[pages.length][cycles];
    Path file = Files.createTempFile(dir, "fsync-probe", ".wal");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocateDirect(HEADER);
      ByteBuffer page = ByteBuffer.allocateDirect(PAGE);
      for (int f = 0; f < FRAMES_IN_FILE; f++) {
        writeFrame(ch, header, page, (long) f * FRAME);
      }
      ch.force(true);
      long position = 0;
      for (int c = -10; c < cycles; c++) {
        for (int i = 0; i < pages.length; i++) {
          int slot = (i + Math.max(c, 0)) % pages.length;
          if (position + (long) pages[slot] * FRAME > (long) FRAMES_IN_FILE * FRAME) {
            position = 0;
          }
          long t0 = System.nanoTime();
          for (int f = 0; f < pages[slot]; f++) {
            writeFrame(ch, header, page, position);
            position += FRAME;
          }
          ch.force(true);
          if (c >= 0) {
            total[slot][c] = System.nanoTime() - t0;
          }
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < pages.length; i++) {
      medians[i] = percentile(total[i], 0.5) / 1e3;
      sx += pages[i];
      sy += medians[i];
      sxx += (double) pages[i] * pages[i];
      sxy += pages[i] * medians[i];
    }
    int k = pages.length;
    double perPage = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    return new Fit((sy - perPage * sx) / k, perPage);
  }

  private static void writeFrame(FileChannel ch, ByteBuffer header, ByteBuffer page, long position)
      throws IOException {
    header.clear();
    page.rewind();
    ch.write(header, position);
    ch.write(page, position + HEADER);
  }

  private static double percentile(long[] values, double q) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  }
}
