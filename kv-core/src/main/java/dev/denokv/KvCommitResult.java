package dev.denokv;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a commit. A failed check is a normal outcome, not an exception: {@code ok} is
 * false, {@code versionstamp} is null, and {@code failedChecks} lists the indexes of the failed
 * checks when the backend reports them.
 */
public record KvCommitResult(boolean ok, @Nullable Versionstamp versionstamp, List<Integer> failedChecks) {

  public KvCommitResult {
    failedChecks = List.copyOf(failedChecks);
  }

  static KvCommitResult committed(Versionstamp versionstamp) {
    return new KvCommitResult(true, versionstamp, List.of());
  }

  static KvCommitResult checkFailed(List<Integer> failedChecks) {
    return new KvCommitResult(false, null, failedChecks);
  }
}
