package dev.denokv.sqlite;

/**
 * How one group commit went, as the writer thread timed it: for metrics and for benchmarks that
 * explain where a write's time goes. Durations are in nanoseconds.
 *
 * @param writes the atomic writes the batch carried (each with its own versionstamp and outcome)
 * @param idleNanos the time between the end of the previous batch and the start of this one, in
 *     which the writer thread waited for work
 * @param sqlNanos the time from {@code BEGIN} to just before {@code COMMIT}: running the writes
 *     and gathering those that arrived meanwhile
 * @param commitNanos the time {@code COMMIT} took: writing the WAL frames, their fsync and any
 *     automatic checkpoint
 * @param completeNanos the time spent handing the results back to the writers after the commit
 */
public record BatchCommit(int writes, long idleNanos, long sqlNanos, long commitNanos, long completeNanos) {}
