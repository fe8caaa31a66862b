package dev.denokv.spi;

import dev.denokv.Versionstamp;
import java.util.List;

/** The outcome of an atomic write: committed, or refused because a check failed. */
public sealed interface CommitResult {

  /** The write committed with {@code versionstamp}. */
  record Committed(Versionstamp versionstamp) implements CommitResult {}

  /**
   * A check failed and nothing was written. {@code failedChecks} holds the indexes of the checks
   * that failed when the backend reports them, and is empty when it does not.
   */
  record CheckFailed(List<Integer> failedChecks) implements CommitResult {
    public CheckFailed {
      failedChecks = List.copyOf(failedChecks);
    }
  }
}
