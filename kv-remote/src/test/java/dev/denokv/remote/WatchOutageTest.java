package dev.denokv.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.Consistency;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.spi.AtomicWrite;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.ReadRange;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A watch through a server outage longer than requests are retried for. */
class WatchOutageTest {

  private static final String TOKEN = "outage-access-token";
  private static final byte[] KEY = {2, 'w', 0};

  private static AtomicWrite set(int value) {
    return new AtomicWrite(
        List.of(), List.of(Mutation.set(KEY, new EncodedValue(ValueEncoding.BYTES, new byte[] {(byte) value}), 0)), List.of());
  }

  @Test
  void aWatchReconnectsAfterAnOutageLongerThanTheRequestRetriesAndDeliversLaterWrites() throws Exception {
    try (InMemoryKvConnectServer kv = new InMemoryKvConnectServer(TOKEN, Duration.ofSeconds(1));
        OutageProxy proxy = new OutageProxy(kv.port());
        RemoteDatabase watching =
            RemoteDatabase.builder().url(proxy.url("/connect")).accessToken(TOKEN).retry(KvConnectStub.FAST_RETRY).build();
        RemoteDatabase writer =
            RemoteDatabase.builder().url(kv.url()).accessToken(TOKEN).retry(KvConnectStub.FAST_RETRY).build()) {
      RemoteWatchTest.Recorder recorder = new RemoteWatchTest.Recorder();
      WatchSubscription sub = watching.watch(List.of(KEY), recorder);
      assertThat(recorder.next()).as("the key is absent").isEqualTo(-1L);
      writer.atomicWrite(set(1));
      assertThat(recorder.next()).isEqualTo(1L);

      proxy.down();
      // Requests give up within a fraction of a second; the metadata (valid for 1 s) expires.
      assertThatThrownBy(() -> watching.snapshotRead(
              List.of(new ReadRange(KEY, new byte[] {2, 'x', 0}, 1, false)), Consistency.STRONG))
          .isInstanceOf(KvUnavailableException.class);
      Thread.sleep(3_000);
      int exchangesBeforeRecovery = kv.exchanges();
      proxy.up();
      writer.atomicWrite(set(2));

      assertThat(awaitVersion(recorder, 2)).as("the write after the outage reaches the watch").isTrue();
      assertThat(kv.exchanges()).as("the watch exchanged the expired metadata again").isGreaterThan(exchangesBeforeRecovery);
      sub.close();
    }
  }

  /** Waits for an emission of {@code version}, failing on an error reported to the listener. */
  private static boolean awaitVersion(RemoteWatchTest.Recorder recorder, long version) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Object event = recorder.events.poll(100, TimeUnit.MILLISECONDS);
      if (event instanceof Throwable error) {
        throw new AssertionError("The watch reported an error", error);
      }
      if (event != null && (Long) event == version) {
        return true;
      }
    }
    return false;
  }
}
