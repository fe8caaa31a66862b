package dev.denokv.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster made with the server's own {@code initdb} and {@code pg_ctl}:
 * a data directory under a new temporary directory, listening on a free loopback port and on a
 * unix socket in that directory. PostgreSQL refuses to run as root, so under root the binaries
 * run as the {@code postgres} user, who then owns the directory.
 *
 * <p>{@link #shared()} gives the one cluster of this test JVM (stopped when the JVM exits); tests
 * that control the server's lifecycle start their own with {@link #start()} and close it. Test
 * clusters skip flushing to disk ({@code fsync=off}); {@link #startDurable()} keeps PostgreSQL's
 * default durability, for measurements.
 */
public final class PostgresCluster implements AutoCloseable {

  private static final String SUPERUSER = "postgres";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresCluster shared;

  private final Path dir;
  private final Path dataDir;
  private final int port;
  private final boolean ownsDir;
  private final boolean durable;
  private boolean running;

  private PostgresCluster(Path dir, Path dataDir, int port, boolean ownsDir, boolean durable) {
    this.dir = dir;
    this.dataDir = dataDir;
    this.port = port;
    this.ownsDir = ownsDir;
    this.durable = durable;
  }

  /** The cluster shared by the tests of this JVM, started on first use. */
  public static synchronized PostgresCluster shared() {
    if (shared == null) {
      PostgresCluster cluster = start();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "postgres-cluster-stop"));
      shared = cluster;
    }
    return shared;
  }

  /** Creates and starts a new cluster that does not flush to disk ({@code fsync=off}). */
  public static PostgresCluster start() {
    return start(false);
  }

  /**
   * Creates and starts a new cluster with PostgreSQL's default durability: {@code fsync},
   * {@code full_page_writes} and {@code synchronous_commit} on, so every acknowledged commit has
   * been flushed.
   */
  public static PostgresCluster startDurable() {
    return start(true);
  }

  private static PostgresCluster start(boolean durable) {
    Path dir = newOwnedTempDir("kv-pg-");
    Path data = dir.resolve("data");
    run(List.of(bin("initdb"), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
        "--locale=C", "--no-sync"), 120);
    PostgresCluster cluster = new PostgresCluster(dir, data, freePort(), true, durable);
    cluster.startServer();
    return cluster;
  }

  /**
   * Starts a streaming replica of this cluster: a base backup taken over the replication
   * protocol, started in standby mode on a port of its own.
   */
  public PostgresCluster startReplica() {
    Path replicaDir = newOwnedTempDir("kv-pg-replica-");
    Path data = replicaDir.resolve("data");
    run(List.of(bin("pg_basebackup"), "-D", data.toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", SUPERUSER, "-R", "-X", "stream", "--no-sync"), 120);
    PostgresCluster replica = new PostgresCluster(replicaDir, data, freePort(), true, durable);
    replica.startServer();
    return replica;
  }

  /** The TCP port the server listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** A JDBC URL for {@code database} as the superuser. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
  }

  /** The superuser's name (authentication is {@code trust}: any password works). */
  public String username() {
    return SUPERUSER;
  }

  /** Creates a new, empty database and returns its JDBC URL. */
  public String createDatabase() {
    String name = "kv_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  /**
   * Creates a login role that must prove {@code password} when it connects over TCP
   * ({@code scram-sha-256}, a line of its own at the top of {@code pg_hba.conf}; the superuser keeps
   * {@code trust}), and a new database it owns. Returns the database's JDBC URL without a user or
   * password.
   */
  public synchronized String createPasswordRole(String role, String password) {
    if (!role.matches("[a-z_][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("a role name is a lower-case SQL identifier: " + role);
    }
    String database = role + "_db";
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("set password_encryption = 'scram-sha-256'");
      s.execute("create role " + role + " login password '" + password.replace("'", "''") + "'");
      s.execute("create database " + database + " owner " + role);
      Path hba = dataDir.resolve("pg_hba.conf");
      String rules = Files.readString(hba);
      Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\n" + rules);
      s.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create role " + role + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitPasswordRequired(role, database);
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Waits until the reloaded configuration refuses {@code role} without a password. */
  private void awaitPasswordRequired(String role, String database) {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + role;
    for (int attempt = 0; attempt < 200; attempt++) {
      try (Connection ignored = DriverManager.getConnection(url)) {
        // still trusted: the server has not read the new rule yet
      } catch (SQLException e) {
        return; // refused: a password is asked for
      }
      try {
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "reload"), 30);
      } catch (IllegalStateException ignoredReloadFailure) {
        // the next attempt reloads again
      }
    }
    throw new IllegalStateException("pg_hba.conf asks " + role + " for no password");
  }

  /** Stops the server at once (as a crash would), keeping its data. */
  public synchronized void crash() {
    stopServer("immediate");
  }

  /** Stops the server cleanly, keeping its data. */
  public synchronized void stop() {
    stopServer("fast");
  }

  /** Starts the server again on the same port after {@link #stop} or {@link #crash}. */
  public synchronized void restart() {
    if (!running) {
      startServer();
    }
  }

  /** Whether the server runs. */
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public synchronized void close() {
    if (running) {
      stopServer("immediate");
    }
    if (ownsDir) {
      deleteTree(dir);
    }
  }

  private synchronized void startServer() {
    String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
        + " -c max_connections=200 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on"
        + (durable ? "" : " -c fsync=off -c full_page_writes=off -c shared_buffers=32MB");
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", dir.resolve("server.log").toString(),
        "-o", options, "-w", "-t", "60", "start"), 90);
    running = true;
  }

  private void stopServer(String mode) {
    if (!running) {
      return;
    }
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", mode, "-w", "-t", "60", "stop"), 90);
    running = false;
  }

  /** The path of a server binary: {@code -Dkv.postgres.bin}, else the newest Debian install. */
  static String bin(String name) {
    String configured = System.getProperty("kv.postgres.bin");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured, name).toString();
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path found = versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
            .max(Comparator.comparing(p -> versionOf(p.getParent().getParent())))
            .orElse(null);
        if (found != null) {
          return found.toString();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return name; // on the PATH
  }

  private static int versionOf(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path newOwnedTempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      if (isRoot()) {
        run(List.of("chown", SUPERUSER + ":", dir.toString()), 30, false);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, int timeoutSeconds) {
    run(command, timeoutSeconds, isRoot());
  }

  private static void run(List<String> command, int timeoutSeconds, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    full.addAll(command);
    try {
      Path out = Files.createTempFile("kv-pg-cmd-", ".log");
      try {
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
            .redirectOutput(out.toFile()).directory(Path.of("/").toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("Timed out: " + String.join(" ", full));
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("Failed (" + p.exitValue() + "): " + String.join(" ", full)
              + "\n" + Files.readString(out));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temp directory
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  @Override
  public String toString() {
    return "PostgresCluster[127.0.0.1:" + port + ", " + dataDir + "]";
  }
}
