package dev.denokv.remote;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.denokv.Consistency;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.proto.internal.ProtoMapper;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Capability;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A Deno KV database served by a KV Connect server (Deno Deploy, denokv, or this project's own
 * server), reached with Spring's {@link RestClient} and protobuf bodies: reads, writes and the
 * metadata exchange over pooled Apache HttpClient 5 connections, watch streams over the JDK client.
 *
 * <p>The metadata (protocol version, endpoints, short-lived token) is fetched on first use, cached,
 * and refreshed in the background before it expires. Network errors and 5xx answers are retried
 * with randomized exponential backoff (bounded; see {@link RetryOptions}); 4xx answers fail at once
 * with a {@link dev.denokv.error.KvRemoteException}. An atomic write is sent again only after a
 * failure proving the server did not process it (no connection, a 5xx answer but a gateway's
 * 504); when it may have been applied (a timeout, a broken connection after it was sent, a 504) it
 * fails with a {@link KvOutcomeUnknownException}. When the server refuses the current metadata
 * (401, reads or writes disabled, a strong read that was not strongly consistent) the metadata is
 * refreshed and the request is tried once more. Watches need protocol version 3; a broken watch stream is
 * reopened with the same backoff, without a limit on attempts, until the watch is closed or fails
 * for good (see {@link #watch}). KV Connect has no queue consumer: enqueues are sent with atomic
 * writes, {@link #dequeueNextMessage()} is unsupported.
 *
 * <p>Thread-safe. The access token never appears in logs, messages or {@code toString()}.
 */
public final class RemoteDatabase implements Database {

  /** The environment variable holding the access token when none is given, as in Deno. */
  public static final String ACCESS_TOKEN_ENV = "DENO_KV_ACCESS_TOKEN";

  private final URI url;
  private final RestClient unaryHttp;
  private final Retrier retrier;
  private final MetadataCache metadata;
  private final String userAgent;
  private final RemoteWatch.Context watchContext;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService refresher;
  private final @Nullable ExecutorService io;
  private final @Nullable HttpComponentsClientHttpRequestFactory pooledTransport;
  /** Runs asynchronous writes; idle threads end after a minute. */
  private final ThreadPoolExecutor asyncWrites;
  private final Set<RemoteWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private RemoteDatabase(Builder b, URI url, Secret accessToken) {
    this.url = url;
    this.userAgent = b.userAgent;
    this.retrier = new Retrier(b.retrySettings());
    RestClient.Builder base = b.restClientBuilder == null ? RestClient.builder() : b.restClientBuilder.clone();
    ClientHttpRequestFactory unaryFactory;
    ClientHttpRequestFactory streamingFactory;
    if (b.requestFactory != null) {
      unaryFactory = b.requestFactory;
      streamingFactory = b.requestFactory;
      io = null;
      pooledTransport = null;
    } else {
      pooledTransport = PooledHttpTransport.create(b.connectTimeout, b.requestTimeout);
      unaryFactory = pooledTransport;
      // Watch streams: the JDK client, with one pool of reusable threads for its I/O and for
      // writing request bodies (Spring's default would start a new thread for every body).
      io = Executors.newCachedThreadPool(daemon("deno-kv-remote-io"));
      HttpClient client =
          HttpClient.newBuilder()
              .executor(io)
              .connectTimeout(b.connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .version(
                  "https".equalsIgnoreCase(url.getScheme())
                      ? HttpClient.Version.HTTP_2
                      : HttpClient.Version.HTTP_1_1)
              .build();
      streamingFactory = new JdkClientHttpRequestFactory(client, io);
    }
    this.unaryHttp = base.clone().requestFactory(unaryFactory).build();
    RestClient streamingHttp = base.clone().requestFactory(streamingFactory).build();
    this.asyncWrites = new ThreadPoolExecutor(PooledHttpTransport.MAX_CONNECTIONS,
        PooledHttpTransport.MAX_CONNECTIONS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        daemon("deno-kv-remote-write"));
    this.asyncWrites.allowCoreThreadTimeOut(true);
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("deno-kv-remote-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.refresher = Executors.newSingleThreadExecutor(daemon("deno-kv-metadata-refresh"));
    MetadataClient exchange = new MetadataClient(unaryHttp, url, accessToken, userAgent, b.clock);
    this.metadata =
        new MetadataCache(
            () -> retrier.run("metadata exchange", exchange::fetch),
            b.clock,
            b.metadataRefreshMargin,
            timer,
            refresher);
    this.watchContext =
        new RemoteWatch.Context(
            streamingHttp, metadata, userAgent, retrier.settings(), b.watchIdleTimeout, timer);
  }

  /** A builder; {@link Builder#url} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The URL of the metadata exchange this database was built with. */
  public URI url() {
    return url;
  }

  /**
   * The Resilience4j retry every request goes through, for observing retries (its event
   * publisher) or attaching metrics.
   */
  public Retry retry() {
    return retrier.retry();
  }

  /** The current metadata, fetched first if there is none or it has expired. */
  public DatabaseMetadata metadata() {
    ensureOpen();
    return metadata.current();
  }

  @Override
  public List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    ensureOpen();
    byte[] request = ProtoMapper.toProto(ranges).toByteArray();
    return withRefresh(
        "snapshot_read",
        md -> {
          byte[] body = post(md, md.endpointFor(consistency), "snapshot_read", request, true);
          SnapshotReadOutput output = parse(SnapshotReadOutput.parser(), body, "snapshot_read");
          checkReadable(md, output);
          if (consistency == Consistency.STRONG && !output.getReadIsStronglyConsistent()) {
            throw RefreshRequired.because("a strong read was answered with a not strongly consistent snapshot");
          }
          if (output.getRangesCount() != ranges.size()) {
            throw new KvCodecException(
                "KV Connect snapshot_read answered "
                    + output.getRangesCount()
                    + " ranges for "
                    + ranges.size()
                    + " requested");
          }
          return ProtoMapper.fromProto(output);
        });
  }

  private static void checkReadable(DatabaseMetadata md, SnapshotReadOutput output) {
    if (md.version() >= 3) {
      switch (output.getStatus()) {
        case SR_SUCCESS -> {}
        case SR_READ_DISABLED -> throw RefreshRequired.because("reads are disabled on the endpoint");
        default -> throw new KvCodecException(
            "KV Connect snapshot_read answered status " + output.getStatusValue() + " (expected SR_SUCCESS)");
      }
    } else if (output.getReadDisabled()) {
      throw RefreshRequired.because("reads are disabled on the endpoint");
    }
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    ensureOpen();
    byte[] request = ProtoMapper.toProto(write).toByteArray();
    return withRefresh(
        "atomic_write",
        md -> {
          byte[] body = post(md, md.strongEndpoint(), "atomic_write", request, false);
          AtomicWriteOutput output = parse(AtomicWriteOutput.parser(), body, "atomic_write");
          if (output.getStatus() == AtomicWriteStatus.AW_WRITE_DISABLED) {
            throw RefreshRequired.because("writes are disabled on the endpoint");
          }
          return ProtoMapper.fromProto(output);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The write runs on one of this database's request threads (as many as its pool of
   * connections), so the caller never blocks; chained stages run on that thread.
   */
  @Override
  public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
    if (closed) {
      return CompletableFuture.failedFuture(new KvClosedException());
    }
    try {
      return CompletableFuture.supplyAsync(() -> atomicWrite(write), asyncWrites);
    } catch (RejectedExecutionException e) { // closed meanwhile
      return CompletableFuture.failedFuture(new KvClosedException());
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The watch reconnects after network errors, 5xx answers, failed metadata exchanges and
   * disabled reads until it is closed, waiting between attempts as the retry settings say (up to
   * their maximum interval) but never giving up. Only a permanent failure ends it and reaches the
   * listener's {@code onError}: a 4xx answer (such as the access token being refused), invalid
   * metadata, a malformed stream, or a server without protocol version 3.
   */
  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    ensureOpen();
    RemoteWatch[] self = new RemoteWatch[1];
    RemoteWatch watch = new RemoteWatch(watchContext, keys, listener, () -> watches.remove(self[0]));
    self[0] = watch;
    watches.add(watch);
    if (closed) {
      watch.close();
      throw new KvClosedException();
    }
    watch.start();
    return watch;
  }

  /**
   * Always throws: KV Connect has no endpoint to receive queue messages.
   *
   * @throws KvUnsupportedOperationException always
   */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.noneOf(Capability.class);
  }

  /** The limits of KV Connect servers, {@link DatabaseLimits#KV_CONNECT}. */
  @Override
  public DatabaseLimits limits() {
    return DatabaseLimits.KV_CONNECT;
  }

  @Override
  public @Nullable QueueMessageHandle dequeueNextMessage() {
    throw new KvUnsupportedOperationException(
        "Listening to the queue is not supported by a KV Connect (remote) database; "
            + "messages can be enqueued, and are delivered by the server's own consumers");
  }

  /** Stops the metadata refresher and every watch. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RemoteWatch w : new ArrayList<>(watches)) {
      w.close();
    }
    metadata.close();
    asyncWrites.shutdown(); // writes already handed over still complete or fail
    timer.shutdownNow();
    refresher.shutdownNow();
    if (io != null) {
      io.shutdownNow();
    }
    if (pooledTransport != null) {
      try {
        pooledTransport.destroy();
      } catch (Exception e) {
        // closing anyway: the connections are released with the client
      }
    }
  }

  @Override
  public String toString() {
    return "RemoteDatabase[" + url + "]";
  }

  private <T> T withRefresh(String operation, Function<DatabaseMetadata, T> attempt) {
    DatabaseMetadata[] used = new DatabaseMetadata[1];
    try {
      return retrier.run(
          operation,
          () -> {
            used[0] = metadata.current();
            return attempt.apply(used[0]);
          });
    } catch (RefreshRequired first) {
      metadata.refreshAfterRejection(used[0]);
      try {
        return retrier.run(operation, () -> attempt.apply(metadata.current()));
      } catch (RefreshRequired second) {
        throw second.toFinal(operation);
      }
    }
  }

  /**
   * POSTs a data-path request. A request that is not {@code idempotent} fails with a
   * {@link KvOutcomeUnknownException}, instead of being retried, once it may have reached the server.
   */
  private byte[] post(DatabaseMetadata md, URI endpoint, String method, byte[] request, boolean idempotent) {
    URI uri = URI.create(endpoint + "/" + method);
    try {
      HttpAnswer answer =
          HttpAnswer.post(
              unaryHttp, uri, DataPathHeaders.of(md, userAgent, DataPathHeaders.PROTOBUF), request, method);
      if (!answer.isSuccess()) {
        throw answer.failure(method, uri, true, md.token());
      }
      return answer.body();
    } catch (TransientFailure f) {
      if (!idempotent && f.outcomeUnknown()) {
        throw new KvOutcomeUnknownException(
            "The outcome of the KV Connect " + method + " is unknown: the server may have applied it, so it"
                + " was not sent again (" + f.getMessage() + ")",
            f);
      }
      throw f;
    }
  }

  private static <M> M parse(Parser<M> parser, byte[] body, String operation) {
    try {
      return parser.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new KvCodecException(
          "Malformed KV Connect " + operation + " response (" + body.length + " bytes): " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new KvClosedException();
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Options of a {@link RemoteDatabase}. Only {@link #url} is required. */
  public static final class Builder {

    private @Nullable URI url;
    private @Nullable String accessToken;
    private RestClient.@Nullable Builder restClientBuilder;
    private @Nullable ClientHttpRequestFactory requestFactory;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration metadataRefreshMargin = Duration.ofMinutes(5);
    private Duration watchIdleTimeout = Duration.ofSeconds(30);
    private Duration retryInitialInterval = RetryOptions.defaults().initialInterval();
    private double retryMultiplier = RetryOptions.defaults().multiplier();
    private double retryRandomizationFactor = RetryOptions.defaults().randomizationFactor();
    private Duration retryMaxInterval = RetryOptions.defaults().maxInterval();
    private int retryMaxAttempts = RetryOptions.defaults().maxAttempts();
    private Duration retryMaxElapsed = RetryOptions.defaults().maxElapsed();
    private Clock clock = Clock.systemUTC();
    private String userAgent = UserAgent.DEFAULT;
    private Function<String, @Nullable String> environment = System::getenv;

    private Builder() {}

    /** The KV Connect URL the metadata exchange is POSTed to. Required. */
    public Builder url(String url) {
      try {
        return url(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new KvInvalidArgumentException("Invalid KV Connect URL: " + url);
      }
    }

    /** The KV Connect URL the metadata exchange is POSTed to. Required. */
    public Builder url(URI url) {
      this.url = url;
      return this;
    }

    /**
     * The access token for the metadata exchange. Defaults to the {@value #ACCESS_TOKEN_ENV}
     * environment variable.
     */
    public Builder accessToken(String accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    /**
     * The {@link RestClient.Builder} every client is built from (cloned, so it is not changed), so
     * that its interceptors, observation registry and other customizations apply. Defaults to
     * {@link RestClient#builder()}. Its request factory is replaced by {@link #requestFactory}'s
     * or by the library's own, since the library must see redirects itself and needs no overall
     * deadline on watch streams.
     */
    public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
      this.restClientBuilder = restClientBuilder;
      return this;
    }

    /**
     * The HTTP client to use, for example one built by Spring Boot's
     * {@code ClientHttpRequestFactoryBuilder}. It should not follow redirects (else relative
     * endpoints resolve against the original URL) and should not put an overall deadline on
     * responses (watch streams are long-lived). When set, {@link #connectTimeout} and
     * {@link #requestTimeout} are not applied: configure timeouts on the factory. Defaults to
     * Apache HttpClient 5 with pooled kept-alive connections for reads, writes and the metadata
     * exchange, and for watch streams a JDK {@link HttpClient} speaking HTTP/2 where the server
     * offers it over TLS; both with those two timeouts and never following redirects.
     */
    public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
      this.requestFactory = requestFactory;
      return this;
    }

    /** How long to wait for a connection. Default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connect timeout");
      return this;
    }

    /**
     * How long one request (metadata exchange, read or write) may wait for the server's answer, and
     * for each further part of it. A metadata exchange or read that exceeds it is retried; an atomic
     * write, which the server may still apply, fails with a {@link KvOutcomeUnknownException}.
     * Default 30 s. Watch streams have no deadline.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "request timeout");
      return this;
    }

    /**
     * How long before the metadata expires it is refreshed in the background (at most half its
     * lifetime). Default 5 minutes.
     */
    public Builder metadataRefreshMargin(Duration margin) {
      if (margin.isNegative()) {
        throw new KvInvalidArgumentException("The metadata refresh margin must not be negative");
      }
      this.metadataRefreshMargin = margin;
      return this;
    }

    /**
     * How long a watch stream may stay silent (servers send keep-alives every few seconds) before
     * it is dropped and reopened. Default 30 s.
     */
    public Builder watchIdleTimeout(Duration watchIdleTimeout) {
      this.watchIdleTimeout = positive(watchIdleTimeout, "watch idle timeout");
      return this;
    }

    /** All retry settings at once. Default {@link RetryOptions#DEFAULTS}. */
    public Builder retry(RetryOptions settings) {
      retryInitialInterval = settings.initialInterval();
      retryMultiplier = settings.multiplier();
      retryRandomizationFactor = settings.randomizationFactor();
      retryMaxInterval = settings.maxInterval();
      retryMaxAttempts = settings.maxAttempts();
      retryMaxElapsed = settings.maxElapsed();
      return this;
    }

    /** The wait before the first retry, before randomization. Default 500 ms. */
    public Builder retryInitialInterval(Duration interval) {
      this.retryInitialInterval = interval;
      return this;
    }

    /** The growth of each retry wait over the previous one. Default 2. */
    public Builder retryMultiplier(double multiplier) {
      this.retryMultiplier = multiplier;
      return this;
    }

    /** The random spread of each retry wait, in [0, 1). Default 0.5. */
    public Builder retryRandomizationFactor(double factor) {
      this.retryRandomizationFactor = factor;
      return this;
    }

    /** The longest retry wait, and the longest wait between reconnections of a watch. Default 10 s. */
    public Builder retryMaxInterval(Duration interval) {
      this.retryMaxInterval = interval;
      return this;
    }

    /** Attempts in total, the first included. Default 5. Watches reconnect until closed. */
    public Builder retryMaxAttempts(int attempts) {
      this.retryMaxAttempts = attempts;
      return this;
    }

    /** No retry starts once this much time has passed since the first attempt. Default 60 s. */
    public Builder retryMaxElapsed(Duration elapsed) {
      this.retryMaxElapsed = elapsed;
      return this;
    }

    /** The clock metadata expiry is judged by. Default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The {@code User-Agent} header. Default {@code deno-kv-java/<version>}. */
    public Builder userAgent(String userAgent) {
      if (userAgent.isBlank()) {
        throw new KvInvalidArgumentException("The User-Agent must not be blank");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** Where environment variables are looked up (for tests). */
    Builder environment(Function<String, @Nullable String> environment) {
      this.environment = environment;
      return this;
    }

    RetryOptions retrySettings() {
      return new RetryOptions(
          retryInitialInterval,
          retryMultiplier,
          retryRandomizationFactor,
          retryMaxInterval,
          retryMaxAttempts,
          retryMaxElapsed);
    }

    /**
     * The database. No request is made yet: the metadata is fetched on first use.
     *
     * @throws KvInvalidArgumentException if the URL is missing or not http(s), there is no access
     *     token, or a retry setting is out of range
     */
    public RemoteDatabase build() {
      URI u = url;
      if (u == null) {
        throw new KvInvalidArgumentException("A KV Connect URL is required");
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new KvInvalidArgumentException("The KV Connect URL must be an absolute http(s) URL: " + u);
      }
      String token = accessToken != null ? accessToken : environment.apply(ACCESS_TOKEN_ENV);
      if (token == null || token.isEmpty()) {
        throw new KvInvalidArgumentException(
            "No access token for the KV Connect database at "
                + u
                + ": set one with accessToken(...) or in the "
                + ACCESS_TOKEN_ENV
                + " environment variable");
      }
      retrySettings();
      return new RemoteDatabase(this, u, Secret.of(token));
    }

    @Override
    public String toString() {
      return "RemoteDatabase.Builder[url=" + url + ", accessToken=" + (accessToken == null ? "unset" : "<redacted>") + "]";
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new KvInvalidArgumentException("The " + what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
