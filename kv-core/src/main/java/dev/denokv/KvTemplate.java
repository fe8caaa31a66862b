package dev.denokv;

import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.key.KvKey;
import dev.denokv.key.VersionstampedKey;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Capability;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Database;
import dev.denokv.spi.DatabaseLimits;
import dev.denokv.spi.DatabaseLocation;
import dev.denokv.spi.DatabaseProvider;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueCodec;
import dev.denokv.value.codec.DenoValueCodec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Deno KV API: what {@code Deno.Kv} offers, for Java. Keys are {@link KvKey}s; values are
 * converted by a {@link ValueCodec} (POJOs, records, maps and lists become JS objects and arrays a
 * Deno program reads as such). Works on any {@link Database} backend. Thread-safe.
 */
public final class KvTemplate implements KvOperations, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KvTemplate.class);

  private final Database database;
  private final ValueCodec codec;
  private final EntryDecoder decoder;
  private final Consistency defaultConsistency;
  private final int queueConcurrency;
  private final Clock clock;
  private final DatabaseLimits limits;
  private final KvUnitOfWork.@Nullable Lookup unitOfWork;
  private final @Nullable Function<? super KvException, ? extends @Nullable RuntimeException> exceptionTranslator;

  private KvTemplate(Builder b) {
    this.database = b.database;
    this.limits = b.database.limits();
    this.codec = b.codec != null ? b.codec : DenoValueCodec.defaults();
    this.exceptionTranslator = b.exceptionTranslator;
    this.unitOfWork = b.unitOfWork;
    this.decoder = new EntryDecoder(codec, this::translate);
    this.defaultConsistency = b.defaultConsistency;
    this.queueConcurrency = b.queueConcurrency;
    this.clock = b.clock;
  }

  /**
   * A template over the embedded database in {@code file}, created when missing, with default
   * settings: {@code await Deno.openKv(path)}. Needs the {@code kv-sqlite} module on the class path.
   */
  public static KvTemplate open(Path file) {
    return builder(DatabaseProvider.openWithAny(new DatabaseLocation.File(file))).build();
  }

  /**
   * A template over a new embedded database held in memory only, gone once closed:
   * {@code await Deno.openKv(":memory:")}. Needs the {@code kv-sqlite} module on the class path.
   */
  public static KvTemplate inMemory() {
    return builder(DatabaseProvider.openWithAny(new DatabaseLocation.InMemory())).build();
  }

  /**
   * A template over the remote database at the KV Connect {@code url} (Deno Deploy, denokv or the
   * project's server), with default timeouts and retries: {@code await Deno.openKv(url)}. Needs the
   * {@code kv-remote} module on the class path.
   */
  public static KvTemplate connect(String url, String accessToken) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new KvInvalidArgumentException("Invalid KV Connect URL: " + e.getMessage());
    }
    return builder(DatabaseProvider.openWithAny(new DatabaseLocation.Remote(uri, accessToken))).build();
  }

  /** A builder of a template over {@code database}, for every setting the shortcuts above leave at its default. */
  public static Builder builder(Database database) {
    return new Builder(database);
  }

  /** The backend below this template. */
  public Database database() {
    return database;
  }

  /**
   * What the backend accepts in one request ({@link Database#limits()}): every operation is
   * checked against it before it is sent, and code that batches writes packs atomic operations to
   * fit it.
   */
  public DatabaseLimits limits() {
    return limits;
  }

  /** The clock expiry and enqueue times are computed with. */
  public Clock clock() {
    return clock;
  }

  /** The codec converting values. */
  public ValueCodec valueCodec() {
    return codec;
  }

  /**
   * A template over the same database with the same settings that converts values with
   * {@code codec}. Closing either closes the database.
   */
  public KvTemplate withValueCodec(ValueCodec codec) {
    Builder builder = builder(database).valueCodec(codec).defaultConsistency(defaultConsistency)
        .queueConcurrency(queueConcurrency).clock(clock);
    builder.unitOfWork = unitOfWork;
    builder.exceptionTranslator = exceptionTranslator;
    return builder.build();
  }

  /** How this template finds the unit of work it joins ({@link Builder#unitOfWork}), or null for none. */
  public KvUnitOfWork.@Nullable Lookup unitOfWorkLookup() {
    return unitOfWork;
  }

  /** The unit of work the calling thread takes part in over this template's database, or null. */
  public @Nullable KvUnitOfWork currentUnitOfWork() {
    return unitOfWork == null ? null : unitOfWork.current(database);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** The entry at {@code key}, its value converted to {@code type}. */
  public <T> KvEntry<T> get(KvKey key, Class<T> type) {
    return get(key, type, defaultConsistency);
  }

  /** The entry at {@code key} with the given read consistency. */
  public <T> KvEntry<T> get(KvKey key, Class<T> type, Consistency consistency) {
    return getMany(List.of(key), type, consistency).get(0);
  }

  /** The entry at {@code key} with its value in its natural Java form. */
  public KvEntry<Object> get(KvKey key) {
    return get(key, Object.class);
  }

  /** The entries at up to 10 keys, read in one consistent snapshot, in the order given. */
  public <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type) {
    return getMany(keys, type, defaultConsistency);
  }

  /** {@link #getMany(List, Class)} with the given read consistency. */
  @Override
  public <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type, Consistency consistency) {
    return translating(() -> readMany(keys, type, consistency));
  }

  private <T> List<KvEntry<T>> readMany(List<KvKey> keys, Class<T> type, Consistency consistency) {
    if (keys.size() > limits.maxReadRanges()) {
      throw new KvInvalidArgumentException("Too many ranges (max " + limits.maxReadRanges() + ")");
    }
    List<ReadRange> ranges = new ArrayList<>(keys.size());
    for (KvKey key : keys) {
      byte[] k = key.encode();
      KvLimits.checkReadKey(limits, k);
      ranges.add(new ReadRange(k, KeyRange.append(k, (byte) 0x00), 1, false));
    }
    List<List<RawEntry>> result = read(ranges, consistency);
    List<KvEntry<T>> entries = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      List<RawEntry> rows = result.get(i);
      entries.add(rows.isEmpty()
          ? new KvEntry<>(keys.get(i), null, null)
          : decoder.decode(keys.get(i), rows.get(0), type));
    }
    return entries;
  }

  /** Lists the entries {@code selector} selects, lazily, with default options. */
  public <T> KvList<T> list(ListSelector selector, Class<T> type) {
    return list(selector, type, ListOptions.defaults());
  }

  /** Lists the entries {@code selector} selects, lazily, with {@code options}. */
  public <T> KvList<T> list(ListSelector selector, Class<T> type, ListOptions options) {
    Consistency consistency = options.consistency() != null ? options.consistency() : defaultConsistency;
    return translating(() -> new KvList<>(database,
        (range, c) -> translating(() -> read(List.of(range), c).get(0)), decoder, type, selector, options, consistency));
  }

  /**
   * Lists the keys {@code selector} selects, with their versionstamps but without their values,
   * lazily, with {@code options} (limit, reverse, cursor, batch size, consistency as for
   * {@link #list}). The embedded database reads no value for it.
   */
  public KvKeyList listKeys(ListSelector selector, ListOptions options) {
    Consistency consistency = options.consistency() != null ? options.consistency() : defaultConsistency;
    return new KvKeyList(database, selector, options, consistency);
  }

  /** {@link #listKeys(ListSelector, ListOptions)} with default options. */
  public KvKeyList listKeys(ListSelector selector) {
    return listKeys(selector, ListOptions.defaults());
  }

  /**
   * How many entries {@code selector} selects. The embedded database counts in one snapshot
   * without reading values; a remote database lists the keys, in several reads on large ranges.
   */
  public long count(ListSelector selector) {
    return count(selector, defaultConsistency);
  }

  /** {@link #count(ListSelector)} with the given read consistency. */
  public long count(ListSelector selector, Consistency consistency) {
    KeyRange range = KeyRange.of(selector);
    byte[] start = range.start(null, false);
    byte[] end = range.end(null, false);
    KvLimits.checkReadKey(limits, start);
    KvLimits.checkReadKey(limits, end);
    return database.count(start, end, consistency);
  }

  // ---- writes -----------------------------------------------------------------------------

  /** Sets {@code key} to {@code value}; returns the commit's versionstamp. */
  public @Nullable Versionstamp set(KvKey key, @Nullable Object value) {
    return atomic().set(key, value).commit().versionstamp();
  }

  /** Sets {@code key} to {@code value}, to expire after {@code expireIn}. */
  public @Nullable Versionstamp set(KvKey key, @Nullable Object value, Duration expireIn) {
    return atomic().set(key, value, expireIn).commit().versionstamp();
  }

  /**
   * Sets {@code key} completed with the commit's versionstamp to {@code value}; returns the
   * versionstamp, which is also the key's last part: Deno's
   * {@code kv.set([...prefix, kv.commitVersionstamp()], value)}.
   */
  public Versionstamp set(VersionstampedKey key, @Nullable Object value) {
    return atomic().set(key, value).commit().versionstamp();
  }

  /** {@link #set(VersionstampedKey, Object)}, to expire after {@code expireIn}. */
  public Versionstamp set(VersionstampedKey key, @Nullable Object value, Duration expireIn) {
    return atomic().set(key, value, expireIn).commit().versionstamp();
  }

  /** Deletes {@code key} (nothing happens if it does not exist). */
  public void delete(KvKey key) {
    atomic().delete(key).commit();
  }

  /**
   * Sets {@code key} to {@code value} without waiting: the future completes with the versionstamp
   * once the write is durable. Many writes in flight at once share commits, like Deno's concurrent
   * {@code set} promises. On a backend that commits asynchronously (SQLite), stages chained on the
   * pending future run on one completion thread of the database, in commit order: they must not
   * block.
   */
  public CompletableFuture<@Nullable Versionstamp> setAsync(KvKey key, @Nullable Object value) {
    return atomic().set(key, value).commitAsync().thenApply(KvCommitResult::versionstamp);
  }

  /** {@link #setAsync(KvKey, Object)} with an expiry, like {@link #set(KvKey, Object, Duration)}. */
  public CompletableFuture<@Nullable Versionstamp> setAsync(KvKey key, @Nullable Object value, Duration expireIn) {
    return atomic().set(key, value, expireIn).commitAsync().thenApply(KvCommitResult::versionstamp);
  }

  /** Deletes {@code key} without waiting; the future completes once the delete is durable. */
  public CompletableFuture<Void> deleteAsync(KvKey key) {
    return atomic().delete(key).commitAsync().thenApply(r -> null);
  }

  /** Starts an atomic operation. */
  public AtomicOperation atomic() {
    return new AtomicOperation(this);
  }

  // ---- queues -----------------------------------------------------------------------------

  /**
   * Enqueues {@code message} for delivery to queue listeners. A record or POJO (a value written as a
   * plain JS object) carries its type marker, the property {@code "@type"} holding its class's simple
   * name, by which a listener with several handlers picks the one for its type.
   */
  public KvCommitResult enqueue(@Nullable Object message) {
    return atomic().enqueue(message).commit();
  }

  /** Enqueues {@code message} with {@code options}, marked as {@link #enqueue(Object)} describes. */
  public KvCommitResult enqueue(@Nullable Object message, EnqueueOptions options) {
    return atomic().enqueue(message, options).commit();
  }

  /**
   * Delivers queue messages, converted to {@code type}, to {@code handler} on the template's
   * queue worker threads until the returned subscription is closed. A handler that throws gets the
   * message again after its backoff interval; failures are logged with their stack trace.
   *
   * @throws KvUnsupportedOperationException if the backend cannot hand out queue messages (a KV
   *     Connect server without the queue extension)
   */
  public <T> QueueSubscription listenQueue(Class<T> type, QueueHandler<? super T> handler) {
    return listenQueue(QueueHandlers.of(type, handler), QueueListenerOptions.defaults().withConcurrency(queueConcurrency));
  }

  /**
   * Delivers queue messages to the handler of their type (see {@link QueueHandlers}), on workers run
   * by the options' executor, until the returned subscription is stopped or closed. A handler that
   * throws gets the message again after its backoff interval; a message no handler fits is
   * dead-lettered at once. Both go to the options' error handler.
   *
   * @throws KvUnsupportedOperationException if the backend cannot hand out queue messages (a KV
   *     Connect server without the queue extension)
   */
  public QueueSubscription listenQueue(QueueHandlers handlers, QueueListenerOptions options) {
    if (!database.capabilities().contains(Capability.QUEUE_CONSUMER)) {
      throw new KvUnsupportedOperationException(
          "Listening to the queue is not supported by this database: it has no queue consumer (a KV Connect "
              + "server without the queue extension, which only this project's server offers); messages can be "
              + "enqueued, and are delivered by the server's own consumers");
    }
    return new QueueWorkers(database, codec, handlers, options);
  }

  // ---- watch ------------------------------------------------------------------------------

  /**
   * Watches up to 10 keys: {@code onChange} receives their entries at once and again each time
   * one of them changes (rapid changes may be coalesced), until the subscription is closed. A watch
   * that fails for good (the backend reconnects after transient failures itself) is logged as a
   * warning.
   */
  public <T> KvSubscription watch(List<KvKey> keys, Class<T> type, Consumer<List<KvEntry<T>>> onChange) {
    return watch(keys, type, onChange, error -> log.warn("A Deno KV watch failed and has ended", error));
  }

  /**
   * {@link #watch(List, Class, Consumer)} with a callback for a watch that fails for good; it is
   * called at most once, and the watch has ended when it is.
   */
  public <T> KvSubscription watch(List<KvKey> keys, Class<T> type, Consumer<List<KvEntry<T>>> onChange,
      Consumer<Throwable> onError) {
    return watch(keys, type, WatchOptions.defaults(), onChange, onError);
  }

  /**
   * {@link #watch(List, Class, Consumer, Consumer)} with {@code options}: with
   * {@link WatchOptions#raw()} every change the backend reports reaches {@code onChange}, also one
   * that moved no versionstamp, as Deno's {@code watch(keys, { raw: true })}.
   */
  public <T> KvSubscription watch(List<KvKey> keys, Class<T> type, WatchOptions options,
      Consumer<List<KvEntry<T>>> onChange, Consumer<Throwable> onError) {
    if (keys.size() > limits.maxWatchedKeys()) {
      throw new KvInvalidArgumentException("Too many keys (max " + limits.maxWatchedKeys() + ")");
    }
    List<byte[]> encoded = new ArrayList<>(keys.size());
    for (KvKey key : keys) {
      byte[] k = key.encode();
      KvLimits.checkReadKey(limits, k);
      encoded.add(k);
    }
    WatchBridge<T> bridge = new WatchBridge<>(keys, type, decoder, options.raw(), onChange, onError);
    return database.watch(encoded, bridge)::close;
  }

  /** Closes the backend below; running listeners and watches stop. */
  @Override
  public void close() {
    database.close();
  }

  // ---- shared with AtomicOperation ---------------------------------------------------------

  /** The result of a write a unit of work took: committed later, with the unit of work. */
  private static final KvCommitResult DEFERRED = new KvCommitResult(true, null, List.of());

  KvCommitResult commit(AtomicWrite write) {
    KvUnitOfWork current = currentUnitOfWork();
    if (current != null) {
      return current.collect(write) ? DEFERRED : new KvCommitResult(false, null, List.of());
    }
    return toResult(database.atomicWrite(write));
  }

  CompletableFuture<KvCommitResult> commitAsync(AtomicWrite write) {
    if (currentUnitOfWork() != null) {
      return CompletableFuture.completedFuture(commit(write));
    }
    CompletableFuture<KvCommitResult> committed = database.atomicWriteAsync(write).thenApply(KvTemplate::toResult);
    if (exceptionTranslator == null) {
      return committed;
    }
    CompletableFuture<KvCommitResult> translated = new CompletableFuture<>();
    committed.whenComplete((result, failure) -> {
      if (failure == null) {
        translated.complete(result);
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      translated.completeExceptionally(cause instanceof KvException e ? translate(e) : cause);
    });
    return translated;
  }

  private List<List<RawEntry>> read(List<ReadRange> ranges, Consistency consistency) {
    KvUnitOfWork current = currentUnitOfWork();
    return current != null ? current.snapshotRead(ranges, consistency) : database.snapshotRead(ranges, consistency);
  }

  /** {@code e} as the exception translator turns it, or {@code e} itself without one. */
  RuntimeException translate(KvException e) {
    if (exceptionTranslator == null) {
      return e;
    }
    RuntimeException translated = exceptionTranslator.apply(e);
    return translated != null ? translated : e;
  }

  /** Runs {@code action}, translating the {@link KvException} it throws. */
  <R> R translating(Supplier<R> action) {
    try {
      return action.get();
    } catch (KvException e) {
      throw translate(e);
    }
  }

  private static KvCommitResult toResult(CommitResult result) {
    if (result instanceof CommitResult.Committed c) {
      return KvCommitResult.committed(c.versionstamp());
    }
    return KvCommitResult.checkFailed(((CommitResult.CheckFailed) result).failedChecks());
  }

  EncodedValue encodeValue(@Nullable Object value) {
    EncodedValue encoded = codec.encode(value);
    KvLimits.checkValue(limits, encoded);
    return encoded;
  }

  long expiryTime(Duration expireIn) {
    return clock.millis() + expireIn.toMillis();
  }

  Enqueue toEnqueue(@Nullable Object message, EnqueueOptions options) {
    KvLimits.checkDelay(options.delay());
    byte[] payload = QueueMessages.mark(message, codec.serialize(message));
    KvLimits.checkPayload(limits, payload);
    // As in Deno, dead-letter keys are not held to the limits of written keys: the empty key and
    // keys over the write key size are accepted, and a message that is never delivered is written
    // to them all the same.
    if (options.keysIfUndelivered().size() > limits.maxKeysIfUndelivered()) {
      throw new KvInvalidArgumentException(
          "Too many keysIfUndelivered (max " + limits.maxKeysIfUndelivered() + ")");
    }
    List<byte[]> keys = new ArrayList<>(options.keysIfUndelivered().size());
    for (KvKey key : options.keysIfUndelivered()) {
      keys.add(key.encode());
    }
    List<Integer> backoff = null;
    if (options.backoffSchedule() != null) {
      KvLimits.checkBackoffSchedule(options.backoffSchedule());
      backoff = options.backoffSchedule().stream().map(d -> (int) d.toMillis()).toList();
    }
    return new Enqueue(payload, clock.millis() + options.delay().toMillis(), keys, backoff);
  }

  /** Configures a {@link KvTemplate}. */
  public static final class Builder {
    private final Database database;
    private @Nullable ValueCodec codec;
    private Consistency defaultConsistency = Consistency.STRONG;
    private int queueConcurrency = 1;
    private Clock clock = Clock.systemUTC();
    private KvUnitOfWork.@Nullable Lookup unitOfWork;
    private @Nullable Function<? super KvException, ? extends @Nullable RuntimeException> exceptionTranslator;

    private Builder(Database database) {
      this.database = Objects.requireNonNull(database, "database");
    }

    /** How values are converted (default {@link DenoValueCodec#defaults()}). */
    public Builder valueCodec(ValueCodec codec) {
      this.codec = codec;
      return this;
    }

    /** The consistency of reads that do not ask for one (default strong). */
    public Builder defaultConsistency(Consistency consistency) {
      this.defaultConsistency = consistency;
      return this;
    }

    /** How many queue messages one listener handles at once (default 1). */
    public Builder queueConcurrency(int concurrency) {
      if (concurrency < 1) {
        throw new KvInvalidArgumentException("queueConcurrency must be at least 1: received " + concurrency);
      }
      this.queueConcurrency = concurrency;
      return this;
    }

    /** The clock for expiry and enqueue times (tests). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How to find the {@link KvUnitOfWork} the calling thread takes part in (default: none, every
     * write commits at once). A framework's transaction support provides it.
     */
    public Builder unitOfWork(KvUnitOfWork.Lookup lookup) {
      this.unitOfWork = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * Turns every {@link KvException} thrown by the template, its atomic operations and listings,
     * synchronously or through a future, into the exception {@code translator} returns (the
     * original is rethrown when it returns null). Default: none.
     */
    public Builder exceptionTranslator(Function<? super KvException, ? extends @Nullable RuntimeException> translator) {
      this.exceptionTranslator = Objects.requireNonNull(translator, "translator");
      return this;
    }

    public KvTemplate build() {
      return new KvTemplate(this);
    }
  }
}
