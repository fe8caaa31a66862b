package dev.denokv.server;

import dev.denokv.error.KvMutationException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Check;
import dev.denokv.spi.CommitResult;
import dev.denokv.spi.Consistency;
import dev.denokv.spi.Database;
import dev.denokv.spi.EncodedValue;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.ValueEncoding;
import dev.denokv.spi.Versionstamp;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small in-memory backend for the server tests: ordered keys, versionstamps, LE64 arithmetic, watches. */
final class InMemoryTestDatabase implements Database {

  private record Stored(EncodedValue value, Versionstamp versionstamp, long expireAtMs) {}

  private final NavigableMap<byte[], Stored> data = new TreeMap<>(Arrays::compareUnsigned);
  private final List<Enqueue> queue = new ArrayList<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private long version;

  @Override
  public synchronized List<List<RawEntry>> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
    long now = System.currentTimeMillis();
    List<List<RawEntry>> out = new ArrayList<>();
    for (ReadRange r : ranges) {
      List<RawEntry> entries = new ArrayList<>();
      if (Arrays.compareUnsigned(r.start(), r.end()) < 0) {
        NavigableMap<byte[], Stored> sub = data.subMap(r.start(), true, r.end(), false);
        for (Map.Entry<byte[], Stored> e : (r.reverse() ? sub.descendingMap() : sub).entrySet()) {
          if (entries.size() >= r.limit()) {
            break;
          }
          if (isLive(e.getValue(), now)) {
            entries.add(new RawEntry(e.getKey(), e.getValue().value(), e.getValue().versionstamp()));
          }
        }
      }
      out.add(entries);
    }
    return out;
  }

  @Override
  public CommitResult atomicWrite(AtomicWrite write) {
    CommitResult result;
    synchronized (this) {
      result = commit(write);
    }
    if (result instanceof CommitResult.Committed) {
      for (Watcher w : watchers) {
        w.poll();
      }
    }
    return result;
  }

  private CommitResult commit(AtomicWrite write) {
    long now = System.currentTimeMillis();
    List<Integer> failed = new ArrayList<>();
    for (int i = 0; i < write.checks().size(); i++) {
      Check c = write.checks().get(i);
      Stored s = data.get(c.key());
      Versionstamp current = s != null && isLive(s, now) ? s.versionstamp() : null;
      if (!Objects.equals(current, c.versionstamp())) {
        failed.add(i);
      }
    }
    if (!failed.isEmpty()) {
      return new CommitResult.CheckFailed(failed);
    }
    Versionstamp vs = Versionstamp.ofVersion(++version);
    Map<ByteBuffer, Stored> staged = new HashMap<>();
    List<byte[]> deleted = new ArrayList<>();
    for (Mutation m : write.mutations()) {
      switch (m.kind()) {
        case SET -> staged.put(ByteBuffer.wrap(m.key()), new Stored(m.value(), vs, m.expireAtMs()));
        case DELETE -> deleted.add(m.key());
        case SET_SUFFIX_VERSIONSTAMPED_KEY -> {
          byte[] hex = vs.toHex().getBytes(StandardCharsets.US_ASCII);
          byte[] key = Arrays.copyOf(m.key(), m.key().length + hex.length + 2);
          key[m.key().length] = 0x02;
          System.arraycopy(hex, 0, key, m.key().length + 1, hex.length);
          staged.put(ByteBuffer.wrap(key), new Stored(m.value(), vs, m.expireAtMs()));
        }
        case SUM, MIN, MAX -> {
          String op = m.kind().name().toLowerCase(java.util.Locale.ROOT);
          if (m.value().encoding() != ValueEncoding.LE64) {
            throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
          }
          Stored old = staged.get(ByteBuffer.wrap(m.key()));
          if (old == null) {
            Stored s = data.get(m.key());
            old = s != null && isLive(s, now) ? s : null;
          }
          long operand = le64(m.value().data());
          long result;
          if (old == null) {
            result = operand;
          } else if (old.value().encoding() != ValueEncoding.LE64) {
            throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
          } else {
            long current = le64(old.value().data());
            result = switch (m.kind()) {
              case SUM -> current + operand;
              case MIN -> Long.compareUnsigned(current, operand) <= 0 ? current : operand;
              default -> Long.compareUnsigned(current, operand) >= 0 ? current : operand;
            };
          }
          byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(result).array();
          staged.put(ByteBuffer.wrap(m.key()), new Stored(new EncodedValue(ValueEncoding.LE64, bytes), vs, m.expireAtMs()));
        }
      }
      if (m.kind() != dev.denokv.spi.MutationKind.DELETE) {
        deleted.removeIf(k -> Arrays.equals(k, m.key()));
      } else {
        staged.remove(ByteBuffer.wrap(m.key()));
      }
    }
    for (byte[] k : deleted) {
      data.remove(k);
    }
    for (Map.Entry<ByteBuffer, Stored> e : staged.entrySet()) {
      data.put(e.getKey().array(), e.getValue());
    }
    queue.addAll(write.enqueues());
    return new CommitResult.Committed(vs);
  }

  @Override
  public WatchSubscription watch(List<byte[]> keys, WatchListener listener) {
    Watcher w = new Watcher(keys, listener);
    watchers.add(w);
    w.poll();
    return () -> watchers.remove(w);
  }

  @Override
  public QueueMessageHandle dequeueNextMessage() {
    throw new KvUnsupportedOperationException("This test database has no queue consumer");
  }

  @Override
  public void close() {}

  private static boolean isLive(Stored s, long now) {
    return s.expireAtMs() == 0 || s.expireAtMs() > now;
  }

  private static long le64(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private final class Watcher {
    private final List<byte[]> keys;
    private final WatchListener listener;
    private Versionstamp[] last;

    Watcher(List<byte[]> keys, WatchListener listener) {
      this.keys = keys;
      this.listener = listener;
    }

    synchronized void poll() {
      List<RawEntry> current = new ArrayList<>();
      synchronized (InMemoryTestDatabase.this) {
        long now = System.currentTimeMillis();
        for (byte[] k : keys) {
          Stored s = data.get(k);
          current.add(s != null && isLive(s, now) ? new RawEntry(k, s.value(), s.versionstamp()) : null);
        }
      }
      Versionstamp[] now = current.stream().map(e -> e == null ? null : e.versionstamp()).toArray(Versionstamp[]::new);
      if (last != null && Arrays.equals(last, now)) {
        return;
      }
      List<WatchKeyOutput> out = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        boolean changed = last == null || !Objects.equals(last[i], now[i]);
        out.add(new WatchKeyOutput(changed, changed ? current.get(i) : null));
      }
      last = now;
      listener.onChange(out);
    }
  }
}
