package dev.denokv.sqlite;

import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A watch listener that records emissions and checks they never run concurrently. */
final class Recorder implements WatchListener {

  final BlockingQueue<List<WatchKeyOutput>> emissions = new LinkedBlockingQueue<>();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger maxActive = new AtomicInteger();
  volatile @Nullable Throwable error;
  volatile long delayMs;

  @Override
  public void onChange(List<WatchKeyOutput> keys) {
    int now = active.incrementAndGet();
    maxActive.accumulateAndGet(now, Math::max);
    try {
      if (delayMs > 0) {
        Thread.sleep(delayMs);
      }
      emissions.add(keys);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      active.decrementAndGet();
    }
  }

  @Override
  public void onError(Throwable e) {
    error = e;
  }

  /** The next emission, failing after {@code seconds}. */
  List<WatchKeyOutput> next(int seconds) throws InterruptedException {
    List<WatchKeyOutput> e = emissions.poll(seconds, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no watch emission within " + seconds + " s");
    }
    return e;
  }

  /** The next emission within {@code millis}, or null. */
  @Nullable List<WatchKeyOutput> poll(long millis) throws InterruptedException {
    return emissions.poll(millis, TimeUnit.MILLISECONDS);
  }
}
