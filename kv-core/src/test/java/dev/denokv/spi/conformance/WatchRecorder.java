package dev.denokv.spi.conformance;

import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A watch listener that records emissions and whether two ever ran at once. */
public final class WatchRecorder implements WatchListener {

  public final BlockingQueue<List<WatchKeyOutput>> emissions = new LinkedBlockingQueue<>();
  public final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  public volatile @Nullable Throwable error;

  @Override
  public void onChange(List<WatchKeyOutput> keys) {
    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    emissions.add(keys);
    active.decrementAndGet();
  }

  @Override
  public void onError(Throwable e) {
    error = e;
  }

  /** The next emission, failing after {@code seconds}. */
  public List<WatchKeyOutput> next(int seconds) throws InterruptedException {
    List<WatchKeyOutput> e = emissions.poll(seconds, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no watch emission within " + seconds + " s", error);
    }
    return e;
  }
}
