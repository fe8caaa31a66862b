package dev.denokv.spi;

/** A running watch. Closing it stops further emissions and releases its resources. */
public interface WatchSubscription extends AutoCloseable {

  @Override
  void close();
}
