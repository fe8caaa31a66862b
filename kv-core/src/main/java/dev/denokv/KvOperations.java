package dev.denokv;

import dev.denokv.key.KvKey;
import dev.denokv.key.VersionstampedKey;
import dev.denokv.spi.DatabaseLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Deno KV operations {@link KvTemplate} implements: what {@code Deno.Kv} offers. Program
 * against this interface to mock the database in unit tests or to decorate the template.
 */
public interface KvOperations {

  /** The entry at {@code key}, its value converted to {@code type}. */
  <T> KvEntry<T> get(KvKey key, Class<T> type);

  /** The entry at {@code key} with the given read consistency. */
  <T> KvEntry<T> get(KvKey key, Class<T> type, Consistency consistency);

  /** The entry at {@code key} with its value in its natural Java form. */
  KvEntry<Object> get(KvKey key);

  /** The entries at up to 10 keys, read in one consistent snapshot, in the order given. */
  <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type);

  /** {@link #getMany(List, Class)} with the given read consistency. */
  <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type, Consistency consistency);

  /** Lists the entries {@code selector} selects, lazily, with default options. */
  <T> KvList<T> list(ListSelector selector, Class<T> type);

  /** Lists the entries {@code selector} selects, lazily, with {@code options}. */
  <T> KvList<T> list(ListSelector selector, Class<T> type, ListOptions options);

  /**
   * Sets {@code key} to {@code value}; returns the commit's versionstamp, or null when the write
   * joined a {@link KvUnitOfWork} (a transaction), whose versionstamp is known only once it commits.
   */
  @Nullable Versionstamp set(KvKey key, @Nullable Object value);

  /** Sets {@code key} to {@code value}, to expire after {@code expireIn}; returns as {@link #set(KvKey, Object)}. */
  @Nullable Versionstamp set(KvKey key, @Nullable Object value, Duration expireIn);

  /** Deletes {@code key} (nothing happens if it does not exist). */
  void delete(KvKey key);

  /** Sets {@code key} to {@code value} without waiting; see {@link KvTemplate#setAsync(KvKey, Object)}. */
  CompletableFuture<@Nullable Versionstamp> setAsync(KvKey key, @Nullable Object value);

  /** {@link #setAsync(KvKey, Object)} with an expiry. */
  CompletableFuture<@Nullable Versionstamp> setAsync(KvKey key, @Nullable Object value, Duration expireIn);

  /** Deletes {@code key} without waiting; the future completes once the delete is durable. */
  CompletableFuture<Void> deleteAsync(KvKey key);

  /** Starts an atomic operation. */
  AtomicOperation atomic();

  /** Enqueues {@code message} for delivery to queue listeners. */
  KvCommitResult enqueue(@Nullable Object message);

  /** Enqueues {@code message} with {@code options}. */
  KvCommitResult enqueue(@Nullable Object message, EnqueueOptions options);

  /** Delivers queue messages to {@code handler}; see {@link KvTemplate#listenQueue}. */
  <T> KvSubscription listenQueue(Class<T> type, QueueHandler<? super T> handler);

  /** Watches up to 10 keys; see {@link KvTemplate#watch(List, Class, Consumer)}. */
  <T> KvSubscription watch(List<KvKey> keys, Class<T> type, Consumer<List<KvEntry<T>>> onChange);

  /** Watches up to 10 keys, reporting a watch that fails for good to {@code onError}. */
  <T> KvSubscription watch(List<KvKey> keys, Class<T> type, Consumer<List<KvEntry<T>>> onChange,
      Consumer<Throwable> onError);

  /** What the backend accepts in one request; see {@link KvTemplate#limits()}. */
  DatabaseLimits limits();

  /** Lists keys and versionstamps without values; see {@link KvTemplate#listKeys(ListSelector, ListOptions)}. */
  KvKeyList listKeys(ListSelector selector, ListOptions options);

  /** Lists keys and versionstamps without values, with default options. */
  KvKeyList listKeys(ListSelector selector);

  /** How many entries {@code selector} selects; see {@link KvTemplate#count(ListSelector)}. */
  long count(ListSelector selector);

  /** How many entries {@code selector} selects, read with {@code consistency}. */
  long count(ListSelector selector, Consistency consistency);

  /** Sets a key completed with the commit's versionstamp; see {@link KvTemplate#set(VersionstampedKey, Object)}. */
  Versionstamp set(VersionstampedKey key, @Nullable Object value);

  /** Sets a key completed with the commit's versionstamp, to expire after {@code expireIn}. */
  Versionstamp set(VersionstampedKey key, @Nullable Object value, Duration expireIn);

  /** Watches up to 10 keys with {@code options}; see {@link KvTemplate#watch(List, Class, WatchOptions, Consumer, Consumer)}. */
  <T> KvSubscription watch(List<KvKey> keys, Class<T> type, WatchOptions options,
      Consumer<List<KvEntry<T>>> onChange, Consumer<Throwable> onError);
}
