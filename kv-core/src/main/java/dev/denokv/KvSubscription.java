package dev.denokv;

/** A running watch or queue listener; closing it stops it. */
public interface KvSubscription extends AutoCloseable {

  @Override
  void close();
}
