package dev.denokv.spi;

import java.util.List;

/** Receives the emissions of a watch, one call at a time. */
public interface WatchListener {

  /**
   * The watched keys, in the order they were given. The first emission reports every key as
   * changed; later ones are made when at least one key's versionstamp moved.
   */
  void onChange(List<WatchKeyOutput> keys);

  /** The watch failed and will emit nothing more. */
  void onError(Throwable error);
}
