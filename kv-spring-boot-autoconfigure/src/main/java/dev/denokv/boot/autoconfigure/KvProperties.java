package dev.denokv.boot.autoconfigure;

import dev.denokv.Consistency;
import dev.denokv.sqlite.SqliteOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Deno KV in a Spring Boot application. With {@code kv.url} set the database is
 * the KV Connect database at that URL; otherwise, and always under the {@code local} profile, it is
 * the embedded SQLite file at {@code kv.path} (or an in-memory database with {@code kv.in-memory}).
 */
@ConfigurationProperties("kv")
public class KvProperties {

  /**
   * URL of a KV Connect database (Deno Deploy, denokv or a kv-server), for example
   * https://api.deno.com/databases/<id>/connect. When set, the remote backend is used (except
   * under the 'local' profile).
   */
  private @Nullable String url;

  /**
   * Access token of the KV Connect database. Defaults to the DENO_KV_ACCESS_TOKEN environment
   * variable.
   */
  private @Nullable String accessToken;

  /** SQLite file of the embedded database, created if missing (relative to the working directory). */
  private Path path = Path.of("data", "kv.sqlite3");

  /** Whether the embedded database lives in memory only (kv.path is then ignored). */
  private boolean inMemory = false;

  /** Consistency of reads that do not ask for one. */
  private Consistency defaultConsistency = Consistency.STRONG;

  /** V8 serialization format version written for values: 15 (read by every Deno release) or 16. */
  private int valueFormatVersion = 15;

  private final Queue queue = new Queue();

  private final Remote remote = new Remote();

  private final Sqlite sqlite = new Sqlite();

  private final Server server = new Server();

  public @Nullable String getUrl() {
    return url;
  }

  public void setUrl(@Nullable String url) {
    this.url = url;
  }

  public @Nullable String getAccessToken() {
    return accessToken;
  }

  public void setAccessToken(@Nullable String accessToken) {
    this.accessToken = accessToken;
  }

  public Path getPath() {
    return path;
  }

  public void setPath(Path path) {
    this.path = path;
  }

  public boolean isInMemory() {
    return inMemory;
  }

  public void setInMemory(boolean inMemory) {
    this.inMemory = inMemory;
  }

  public Consistency getDefaultConsistency() {
    return defaultConsistency;
  }

  public void setDefaultConsistency(Consistency defaultConsistency) {
    this.defaultConsistency = defaultConsistency;
  }

  public int getValueFormatVersion() {
    return valueFormatVersion;
  }

  public void setValueFormatVersion(int valueFormatVersion) {
    this.valueFormatVersion = valueFormatVersion;
  }

  public Queue getQueue() {
    return queue;
  }

  public Remote getRemote() {
    return remote;
  }

  public Sqlite getSqlite() {
    return sqlite;
  }

  public Server getServer() {
    return server;
  }

  /** Queue listeners. */
  public static class Queue {

    /** How many messages one queue listener handles at once. */
    private int concurrency = 1;

    public int getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(int concurrency) {
      this.concurrency = concurrency;
    }
  }

  /** The KV Connect (remote) backend. */
  public static class Remote {

    /** How long before the metadata expires it is refreshed in the background. */
    private Duration metadataRefreshMargin = Duration.ofMinutes(5);

    /** How long to wait for a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Deadline of one request (metadata exchange, read or write); watch streams have none. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    private final Retry retry = new Retry();

    public Duration getMetadataRefreshMargin() {
      return metadataRefreshMargin;
    }

    public void setMetadataRefreshMargin(Duration metadataRefreshMargin) {
      this.metadataRefreshMargin = metadataRefreshMargin;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    public Retry getRetry() {
      return retry;
    }
  }

  /** Retries of failed remote requests (network errors and 5xx answers). */
  public static class Retry {

    /** Wait before the first retry, before randomization. */
    private Duration initialInterval = Duration.ofMillis(500);

    /** Growth of each retry wait over the previous one. */
    private double multiplier = 2.0;

    /** Random spread of each retry wait, in [0, 1). */
    private double randomizationFactor = 0.5;

    /** Longest retry wait, also between reconnections of a watch. */
    private Duration maxInterval = Duration.ofSeconds(10);

    /** Attempts in total, the first included. Watches reconnect until closed. */
    private int maxAttempts = 5;

    /** No retry starts once this much time has passed since the first attempt. */
    private Duration maxElapsed = Duration.ofSeconds(60);

    public Duration getInitialInterval() {
      return initialInterval;
    }

    public void setInitialInterval(Duration initialInterval) {
      this.initialInterval = initialInterval;
    }

    public double getMultiplier() {
      return multiplier;
    }

    public void setMultiplier(double multiplier) {
      this.multiplier = multiplier;
    }

    public double getRandomizationFactor() {
      return randomizationFactor;
    }

    public void setRandomizationFactor(double randomizationFactor) {
      this.randomizationFactor = randomizationFactor;
    }

    public Duration getMaxInterval() {
      return maxInterval;
    }

    public void setMaxInterval(Duration maxInterval) {
      this.maxInterval = maxInterval;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getMaxElapsed() {
      return maxElapsed;
    }

    public void setMaxElapsed(Duration maxElapsed) {
      this.maxElapsed = maxElapsed;
    }
  }

  /** The embedded SQLite backend. */
  public static class Sqlite {

    /** When an acknowledged commit is on stable storage: FULL (fsync) or PROCESS_CRASH_SAFE. */
    private SqliteOptions.Durability durability = SqliteOptions.Durability.FULL;

    /** Number of pooled read connections. */
    private int readConnections = 4;

    /** How long to wait for a lock held by another process before retrying. */
    private Duration busyTimeout = Duration.ofSeconds(5);

    /** How often writes of other processes (such as a Deno program) are looked for while watching. */
    private Duration changePollInterval = Duration.ofMillis(75);

    /** How long a dequeued queue message stays reserved without a keep-alive. */
    private Duration queueReservation = Duration.ofSeconds(5);

    public SqliteOptions.Durability getDurability() {
      return durability;
    }

    public void setDurability(SqliteOptions.Durability durability) {
      this.durability = durability;
    }

    public int getReadConnections() {
      return readConnections;
    }

    public void setReadConnections(int readConnections) {
      this.readConnections = readConnections;
    }

    public Duration getBusyTimeout() {
      return busyTimeout;
    }

    public void setBusyTimeout(Duration busyTimeout) {
      this.busyTimeout = busyTimeout;
    }

    public Duration getChangePollInterval() {
      return changePollInterval;
    }

    public void setChangePollInterval(Duration changePollInterval) {
      this.changePollInterval = changePollInterval;
    }

    public Duration getQueueReservation() {
      return queueReservation;
    }

    public void setQueueReservation(Duration queueReservation) {
      this.queueReservation = queueReservation;
    }
  }

  /** Serving the application's database over KV Connect (needs Spring MVC). */
  public static class Server {

    /** Whether the application's database is served over KV Connect. */
    private boolean enabled = false;

    /** Path of the metadata exchange; the data path lives under <path>/data. */
    private String path = "/kv";

    /** Access tokens clients may use (for example as their DENO_KV_ACCESS_TOKEN); at least one. */
    private List<String> accessTokens = new ArrayList<>();

    /** How long a data-path token handed out by the metadata exchange stays valid (at least 1m). */
    private Duration tokenTtl = Duration.ofHours(1);

    /** How often an idle watch stream gets a keep-alive frame. */
    private Duration keepAliveInterval = Duration.ofSeconds(5);

    /**
     * Fixed database id announced to clients. Defaults to an id kept in a file next to the SQLite
     * file (<kv.path>.kv-connect-id), or a random one for in-memory and remote databases.
     */
    private @Nullable UUID databaseId;

    /**
     * Secret (at least 32 bytes) that signs data-path tokens; give every instance serving one
     * database the same value. Defaults to a random secret kept in a file next to the SQLite file
     * (<kv.path>.kv-connect-secret, owner-only permissions), or one per process for in-memory and
     * remote databases. Never logged.
     */
    private @Nullable String tokenSecret;

    /**
     * URL clients open, as reached from outside (for example https://kv.example.com/kv); protocol
     * version 1 clients are told the data path under it. Defaults to the address the connection
     * came in on; a Host header is never used.
     */
    private @Nullable URI publicUrl;

    /** How long a watch stream may hold writes back because its client reads nothing before it is closed. */
    private Duration watchStallTimeout = Duration.ofMinutes(1);

    /** Most watch streams open at once from one client address; one more is refused with 429. */
    private int maxWatchesPerClient = 1000;

    /**
     * Failed authentications one client address may make per minute; beyond that it is refused
     * with 429 and Retry-After until the minute is over.
     */
    private int maxFailedAuthenticationsPerMinute = 20;

    /**
     * Most concurrent HTTP/2 streams per connection on an embedded Tomcat (its own default is 100).
     * The Deno CLI opens one stream per watch on one connection, so this must stay above
     * max-watches-per-client, leaving room for gets and sets.
     */
    private int maxConcurrentStreams = 2000;

    public @Nullable String getTokenSecret() {
      return tokenSecret;
    }

    public void setTokenSecret(@Nullable String tokenSecret) {
      this.tokenSecret = tokenSecret;
    }

    public @Nullable URI getPublicUrl() {
      return publicUrl;
    }

    public void setPublicUrl(@Nullable URI publicUrl) {
      this.publicUrl = publicUrl;
    }

    public Duration getWatchStallTimeout() {
      return watchStallTimeout;
    }

    public void setWatchStallTimeout(Duration watchStallTimeout) {
      this.watchStallTimeout = watchStallTimeout;
    }

    public int getMaxWatchesPerClient() {
      return maxWatchesPerClient;
    }

    public void setMaxWatchesPerClient(int maxWatchesPerClient) {
      this.maxWatchesPerClient = maxWatchesPerClient;
    }

    public int getMaxFailedAuthenticationsPerMinute() {
      return maxFailedAuthenticationsPerMinute;
    }

    public void setMaxFailedAuthenticationsPerMinute(int maxFailedAuthenticationsPerMinute) {
      this.maxFailedAuthenticationsPerMinute = maxFailedAuthenticationsPerMinute;
    }

    public int getMaxConcurrentStreams() {
      return maxConcurrentStreams;
    }

    public void setMaxConcurrentStreams(int maxConcurrentStreams) {
      this.maxConcurrentStreams = maxConcurrentStreams;
    }

    /** The queue extension: remote consumers of the served database's queue. */
    private final Queue queue = new Queue();

    public Queue getQueue() {
      return queue;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public List<String> getAccessTokens() {
      return accessTokens;
    }

    public void setAccessTokens(List<String> accessTokens) {
      this.accessTokens = accessTokens;
    }

    public Duration getTokenTtl() {
      return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
      this.tokenTtl = tokenTtl;
    }

    public Duration getKeepAliveInterval() {
      return keepAliveInterval;
    }

    public void setKeepAliveInterval(Duration keepAliveInterval) {
      this.keepAliveInterval = keepAliveInterval;
    }

    public @Nullable UUID getDatabaseId() {
      return databaseId;
    }

    public void setDatabaseId(@Nullable UUID databaseId) {
      this.databaseId = databaseId;
    }

    /** The queue extension of the KV Connect server (remote queue consumers). */
    public static class Queue {

      /**
       * Whether remote clients of this project may consume the queue (announced in the metadata
       * exchange; other clients never see it).
       */
      private boolean enabled = true;

      /**
       * How long a message handed to a remote consumer stays reserved without a renewal; a
       * consumer gone for longer loses it, and the delivery counts as failed.
       */
      private Duration lease = Duration.ofSeconds(30);

      /** The longest a remote consumer's request waits for the next message. */
      private Duration maxWait = Duration.ofSeconds(20);

      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      public Duration getLease() {
        return lease;
      }

      public void setLease(Duration lease) {
        this.lease = lease;
      }

      public Duration getMaxWait() {
        return maxWait;
      }

      public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
      }
    }
  }
}
