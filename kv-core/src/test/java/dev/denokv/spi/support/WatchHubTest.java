package dev.denokv.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Versionstamp;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchHubTest {

  private final Map<ByteBuffer, RawEntry> store = new ConcurrentHashMap<>();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final WatchHub hub = new WatchHub(this::read, executor);
  private final BlockingQueue<List<WatchKeyOutput>> emissions = new LinkedBlockingQueue<>();
  private long version;

  @AfterEach
  void close() {
    hub.close();
    executor.shutdownNow();
  }

  private List<@Nullable RawEntry> read(List<byte[]> keys) {
    List<@Nullable RawEntry> out = new ArrayList<>();
    for (byte[] k : keys) {
      out.add(store.get(ByteBuffer.wrap(k)));
    }
    return out;
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private Versionstamp set(byte[] key) {
    Versionstamp vs = Versionstamp.ofVersion(++version);
    store.put(ByteBuffer.wrap(key), new RawEntry(key, new EncodedValue(ValueEncoding.BYTES, key), vs));
    return vs;
  }

  private WatchSubscription watch(byte[]... keys) {
    return hub.subscribe(List.of(keys), new WatchListener() {
      @Override
      public void onChange(List<WatchKeyOutput> keys) {
        emissions.add(keys);
      }

      @Override
      public void onError(Throwable error) {
        throw new AssertionError(error);
      }
    });
  }

  private List<Boolean> nextChangedFlags() throws InterruptedException {
    List<WatchKeyOutput> e = emissions.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("an emission").isNotNull();
    return e.stream().map(WatchKeyOutput::changed).toList();
  }

  /** Waits until the hub has run everything scheduled so far. */
  private void settle() throws Exception {
    executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCommitReportedTwiceIsSeenOnce() throws Exception {
    byte[] a = key("a");
    try (WatchSubscription sub = watch(a)) {
      assertThat(nextChangedFlags()).containsExactly(true);
      Versionstamp vs = set(a);
      hub.keysWritten(List.of(a), vs);
      assertThat(nextChangedFlags()).containsExactly(true);
      hub.keysWritten(List.of(new KeyWrite(a, vs)));
      settle();
      assertThat(emissions).isEmpty();
    }
  }

  @Test
  void aWriteReportedAfterTheSubscriptionReadItDoesNotFlagTheKeyAgain() throws Exception {
    byte[] a = key("a");
    byte[] b = key("b");
    Versionstamp vs = set(a);
    try (WatchSubscription sub = watch(a, b)) {
      assertThat(nextChangedFlags()).containsExactly(true, true);
      hub.keysWritten(List.of(a), vs);
      Versionstamp vb = set(b);
      hub.keysWritten(List.of(b), vb);
      assertThat(nextChangedFlags()).containsExactly(false, true);
    }
  }

  @Test
  void aWriteWithoutEffectIsFlaggedOnceForRawWatchers() throws Exception {
    byte[] a = key("a");
    try (WatchSubscription sub = watch(a)) {
      assertThat(nextChangedFlags()).containsExactly(true);
      Versionstamp deleteOfAbsent = Versionstamp.ofVersion(++version);
      hub.keysWritten(List.of(a), deleteOfAbsent);
      assertThat(nextChangedFlags()).containsExactly(true);
      hub.keysWritten(List.of(a), deleteOfAbsent);
      hub.keysChanged(List.of(a));
      settle();
      assertThat(emissions).isEmpty();
    }
  }
}
