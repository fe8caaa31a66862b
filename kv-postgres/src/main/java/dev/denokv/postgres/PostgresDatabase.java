package dev.denokv.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.denokv.Consistency;
import dev.denokv.Versionstamp;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.SharedMetadata;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.support.QueueSignal;
import dev.denokv.spi.support.WatchHub;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A Deno KV database in PostgreSQL, shared by any number of instances (processes) at once.
 *
 * <ul>
 *   <li>Keys are Deno's encoded keys in a {@code bytea} primary key (PostgreSQL orders
 *       {@code bytea} bytewise, as Deno orders keys); values keep their encoding code and bytes
 *       exactly as Deno's SQLite schema stores them.
 *   <li>Every write transaction first locks the one row of {@code data_version}: transactions of
 *       all instances commit one after the other, checks are decided under that lock, and a later
 *       commit always carries a greater versionstamp. Concurrent writes of one instance share one
 *       transaction (group commit), in the order they were made.
 *   <li>Watches and waiting queue consumers of every instance are woken by {@code NOTIFY}s sent
 *       inside the committing transaction.
 *   <li>{@link Consistency#EVENTUAL} reads go to the read replica when one is configured.
 * </ul>
 */
public final class PostgresDatabase implements Database, SharedMetadata {

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

  private final DataSource primary;
  private final DataSource replica;
  private final List<AutoCloseable> owned;
  private final PostgresOptions options;
  private final Sql sql;
  private final UUID databaseId;
  private final GroupCommitter committer;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService watchExecutor;
  private final ExecutorService completions;
  private final WatchHub watches;
  private final Clock clock;
  private final QueueSignal queueSignal;
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();
  private final QueueMessages queue;
  private final ChangeListener listener;
  private final Object closeLock = new Object();
  private volatile boolean closed;

  private PostgresDatabase(DataSource primary, @Nullable DataSource replica, List<AutoCloseable> owned,
      PostgresOptions options) {
    this.primary = primary;
    this.replica = replica == null ? primary : replica;
    this.owned = owned;
    this.options = options;
    this.sql = new Sql(options.schema());
    this.clock = options.clock();
    this.queueSignal = new QueueSignal(clock);
    try (Connection c = primary.getConnection()) {
      this.databaseId = UUID.fromString(Schema.open(c, options.schema(), options.initializeSchema()));
    } catch (SQLException e) {
      closeOwned();
      throw new KvUnavailableException("Cannot open the PostgreSQL database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeOwned();
      throw e;
    }
    int n = INSTANCES.incrementAndGet();
    this.scheduler = new ScheduledThreadPoolExecutor(2, daemon("kv-postgres-scheduler-" + n));
    this.watchExecutor = Executors.newCachedThreadPool(daemon("kv-postgres-watch-" + n));
    this.completions = Executors.newSingleThreadExecutor(daemon("kv-postgres-completion-" + n));
    this.watches = new WatchHub(this::readKeys, watchExecutor);
    this.committer = new GroupCommitter(primary, sql, options.maxBatchSize(), clock, (keys, queueChanged) -> {
      watches.keysWritten(keys);
      if (queueChanged) {
        queueSignal.signalAll();
      }
    }, "kv-postgres-writer-" + n);
    this.queue = new QueueMessages(primary, sql, committer, queueSignal, options, scheduler);
    this.listener = new ChangeListener(primary, sql, options.reconnectInterval().toMillis(), changes -> {
      if (changes == null) {
        watches.refreshAll();
      } else {
        watches.keysWritten(changes.written());
        watches.keysChanged(changes.expired());
      }
    }, queueSignal::signalAll, "kv-postgres-listener-" + n);
    listener.start();
    ExpirySweeper sweeper = new ExpirySweeper(primary, sql, options.schema(), options.sweepBatchSize(), clock,
        watches::keysChanged);
    long sweep = options.sweepInterval().toMillis();
    scheduler.scheduleWithFixedDelay(sweeper, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Opens the database in the application's {@code dataSource} with {@code options}. */
  public static PostgresDatabase open(DataSource dataSource, PostgresOptions options) {
    return builder().dataSource(dataSource).options(options).build();
  }

  /** The database id kept in the schema: the same on every instance. */
  public UUID databaseId() {
    return databaseId;
  }

  /** This database and its shared metadata: the id and the secrets kept in its schema. */
  @Override
  public Optional<SharedMetadata> sharedMetadata() {
    return Optional.of(this);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Kept in the schema's {@code kv_meta} table; every instance over the schema gets the same.
   */
  @Override
  public byte[] secret(String name) {
    if (!SECRET_NAME.matcher(name).matches()) {
      throw new KvInvalidArgumentException("A secret's name is lower-case letters, digits, dashes and dots");
    }
    byte[] cached = secrets.get(name);
    if (cached == null) {
      ensureOpen();
      try (Connection c = primary.getConnection()) {
        byte[] stored = Schema.secret(c, options.schema(), name, SECRET_BYTES);
        secrets.putIfAbsent(name, stored);
        cached = stored;
      } catch (SQLException e) {
        throw failure("secret read", e);
      }
    }
    return cached.clone();
  }

  /** The settings this database was opened with. */
  public PostgresOptions options() {
    return options;
  }

  /** The primary's data source. */
  public DataSource primaryDataSource() {
    return primary;
  }

  /** The data source of eventual reads: the replica when configured, else the primary. */
  public DataSource replicaDataSource() {
    return replica;
  }

  /** Whether eventual reads go to a replica. */
  public boolean hasReplica() {
    return replica != primary;
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    ensureOpen();
    DataSource source = consistency == Consistency.EVENTUAL ? replica : primary;
    long now = clock.millis();
    try (Connection c = source.getConnection()) {
      if (ranges.size() <= 1) {
        return readRanges(c, ranges, now);
      }
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        List<List<RawEntry>> out = readRanges(c, ranges, now);
        c.commit();
        return out;
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private List<List<RawEntry>> readRanges(Connection c, List<ReadRange> ranges, long now) throws SQLException {
    List<List<RawEntry>> out = new ArrayList<>(ranges.size());
    for (ReadRange r : ranges) {
      if (r.limit() <= 0) {
        out.add(List.of());
        continue;
      }
      try (PreparedStatement ps = c.prepareStatement(r.reverse() ? sql.rangeReverse : sql.range)) {
        ps.setBytes(1, r.start());
        ps.setBytes(2, r.end());
        ps.setLong(3, now);
        ps.setInt(4, r.limit());
        List<RawEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            entries.add(new RawEntry(rs.getBytes(1),
                new EncodedValue(ValueEncoding.ofCode(rs.getInt(3)), rs.getBytes(2)),
                Versionstamp.ofVersion(rs.getLong(4)), Math.max(0, rs.getLong(5))));
          }
        }
        out.add(entries);
      }
    }
    return out;
  }

  private List<@Nullable RawEntry> readKeys(List<byte[]> keys) {
    long now = clock.millis();
    try (Connection c = primary.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.getMany)) {
      ps.setArray(1, c.createArrayOf("bytea", keys.toArray(new byte[0][])));
      Map<ByteBuffer, RawEntry> found = new HashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long exp = rs.getLong(5);
          if (exp >= 0 && exp <= now) {
            continue;
          }
          byte[] k = rs.getBytes(1);
          found.put(ByteBuffer.wrap(k), new RawEntry(k,
              new EncodedValue(ValueEncoding.ofCode(rs.getInt(3)), rs.getBytes(2)),
              Versionstamp.ofVersion(rs.getLong(4)), Math.max(0, exp)));
        }
      }
      List<@Nullable RawEntry> out = new ArrayList<>(keys.size());
      for (byte[] k : keys) {
        out.add(found.get(ByteBuffer.wrap(k)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    ensureOpen();
    return committer.execute(writeTask(write)).result();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The write joins the next group commit. Stages chained on the future before it completes
   * run on this database's completion thread, in commit order.
   */
  @Override
  public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    try {
      ensureOpen();
      return committer.submit(writeTask(write)).future
          .thenApplyAsync(WriteTransaction.Outcome::result, completions);
    } catch (KvClosedException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static WriteTask<WriteTransaction.Outcome> writeTask(AtomicWrite write) {
    return new WriteTask<>() {
      @Override
      WriteTransaction.Outcome run(WriteTransaction tx) throws SQLException {
        return tx.apply(write);
      }

      @Override
      List<byte[]> keysToRead() {
        List<byte[]> keys = new ArrayList<>();
        write.checks().forEach(c -> keys.add(c.key()));
        for (Mutation m : write.mutations()) {
          switch (m.kind()) {
            case SUM, MIN, MAX -> keys.add(m.key());
            default -> { }
          }
        }
        return keys;
      }
    };
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every emission carries the current entry of every key (null when absent or expired); the
   * {@code changed} flags mark the keys whose versionstamp moved since the previous emission.
   * Writes of every instance wake the watch as soon as their notification arrives.
   */
  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    ensureOpen();
    return watches.subscribe(keys, listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Messages due at the same millisecond come in enqueue order. The message stays reserved
   * for this instance while its handle is unfinished; if the instance dies it is delivered again
   * once the reservation runs out.
   */
  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() throws InterruptedException {
    if (closed) {
      return null;
    }
    try {
      return queue.dequeue();
    } catch (KvException e) {
      if (closed) {
        return null;
      }
      throw e;
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new KvClosedException();
    }
  }

  private static KvException failure(String what, SQLException e) {
    return Connections.isConnectionFailure(e)
        ? new KvUnavailableException("PostgreSQL cannot be reached: " + e.getMessage(), e)
        : new KvException("PostgreSQL " + what + " failed: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    queue.close();
    watches.close();
    scheduler.shutdownNow();
    committer.close();
    completions.shutdown();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      completions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.close();
    watchExecutor.shutdownNow();
    closeOwned();
  }

  private void closeOwned() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing a pool
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresDatabase[schema " + options.schema() + (hasReplica() ? ", with replica" : "") + "]";
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Opens a {@link PostgresDatabase} on the application's data sources, or on HikariCP pools it
   * makes from JDBC URLs (closed with the database).
   */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable DataSource replicaDataSource;
    private @Nullable String url;
    private @Nullable String replicaUrl;
    private @Nullable String username;
    private @Nullable String password;
    private int poolSize = 10;
    private PostgresOptions options = PostgresOptions.defaults();

    private Builder() {}

    /** The primary's data source (the application's); not closed with the database. */
    public Builder dataSource(DataSource value) {
      this.dataSource = value;
      return this;
    }

    /** The read replica's data source for eventual reads; not closed with the database. */
    public Builder replicaDataSource(@Nullable DataSource value) {
      this.replicaDataSource = value;
      return this;
    }

    /** The primary's JDBC URL ({@code jdbc:postgresql://host:5432/db}); a pool is made for it. */
    public Builder url(String value) {
      this.url = value;
      return this;
    }

    /** A read replica's JDBC URL for eventual reads; a pool is made for it. */
    public Builder replicaUrl(@Nullable String value) {
      this.replicaUrl = value;
      return this;
    }

    /** The user of the pools made from URLs. */
    public Builder username(@Nullable String value) {
      this.username = value;
      return this;
    }

    /** The password of the pools made from URLs. */
    public Builder password(@Nullable String value) {
      this.password = value;
      return this;
    }

    /** The largest number of connections of each pool made from a URL (default 10). */
    public Builder poolSize(int value) {
      if (value < 3) {
        throw new KvInvalidArgumentException("poolSize must be at least 3, got " + value);
      }
      this.poolSize = value;
      return this;
    }

    /** The settings (default {@link PostgresOptions#defaults()}). */
    public Builder options(PostgresOptions value) {
      this.options = value;
      return this;
    }

    /** Opens the database, creating or migrating its schema as the options allow. */
    public PostgresDatabase build() {
      List<AutoCloseable> owned = new ArrayList<>();
      DataSource primary = dataSource;
      if (primary == null) {
        if (url == null) {
          throw new KvInvalidArgumentException("Either a data source or a JDBC URL is needed");
        }
        HikariDataSource pool = pool(url, "kv-postgres");
        owned.add(pool);
        primary = pool;
      }
      DataSource replica = replicaDataSource;
      if (replica == null && replicaUrl != null) {
        HikariDataSource pool = pool(replicaUrl, "kv-postgres-replica");
        owned.add(pool);
        replica = pool;
      }
      return new PostgresDatabase(primary, replica, owned, options);
    }

    private HikariDataSource pool(String jdbcUrl, String name) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      if (username != null) {
        config.setUsername(username);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setMaximumPoolSize(poolSize);
      config.setPoolName(name);
      config.setInitializationFailTimeout(1); // an unreachable server fails the opening at once
      config.setConnectionTimeout(10_000);
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
          cause = cause.getCause();
        }
        throw new KvUnavailableException("Cannot connect to PostgreSQL (" + name + "): " + cause.getMessage(),
            cause);
      }
    }
  }
}
