package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8Number;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Child process of {@link CrashTest}: commits from several threads forever and prints
 * {@code ACK <thread> <i>} after each commit returned. Killed from outside.
 */
public final class CrashWriterMain {

  private CrashWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    PrintStream out = System.out;
    SqliteDatabase db = SqliteDatabase.open(file);
    out.println("READY");
    out.flush();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; ; i++) {
          set(db, key("crash", "" + id, "" + i), v8Number(i));
          synchronized (out) {
            out.println("ACK " + id + " " + i);
            out.flush();
          }
        }
      });
      thread.start();
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
