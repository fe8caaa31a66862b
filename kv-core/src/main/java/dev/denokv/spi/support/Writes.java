package dev.denokv.spi.support;

import dev.denokv.error.KvException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a write that a backend's writer thread commits. */
public final class Writes {

  private Writes() {}

  /**
   * The result of the write behind {@code future}, waiting for it to commit even when interrupted
   * (the write goes on regardless; the interrupt is kept for the caller). A write that failed
   * with a runtime exception throws it; any other failure is wrapped in a {@link KvException}
   * whose message starts with {@code failure}.
   */
  public static <T> T awaitCommitted(Future<T> future, String failure) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new KvException(failure + ": " + cause.getMessage(), cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
