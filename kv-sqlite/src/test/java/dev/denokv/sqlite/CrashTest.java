package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a process in the middle of concurrent commits: every acknowledged commit must survive. */
class CrashTest {

  @TempDir Path dir;

  @Test
  void everyAcknowledgedCommitSurvivesSigkill() throws Exception {
    Path file = dir.resolve("crash.sqlite3");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashWriterMain.class.getName(), file.toString(), "8");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process child = pb.start();
    List<String> acks = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      long deadline = System.currentTimeMillis() + 20_000;
      String line;
      while ((line = in.readLine()) != null && acks.size() < 1000 && System.currentTimeMillis() < deadline) {
        if (line.startsWith("ACK ")) {
          acks.add(line);
        }
      }
      // SIGKILL while the writers are in the middle of commits.
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    assertThat(acks).hasSizeGreaterThan(100);

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      for (String ack : acks) {
        String[] p = ack.split(" ");
        assertThat(get(db, key("crash", p[1], p[2]))).as(ack).isNotNull();
      }
    }
  }
}
