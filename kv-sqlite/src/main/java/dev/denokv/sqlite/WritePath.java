package dev.denokv.sqlite;

/**
 * How the writer connection checkpoints its WAL (package-private: compared side by side by the
 * write benchmark {@code WritePathAB}; every file database opened through the public API uses
 * {@link #DEFAULT}, which checkpoints inside commits as Deno does).
 *
 * @param backgroundCheckpoints whether a {@link Checkpointer} thread checkpoints off the commit
 *     path; otherwise SQLite checkpoints inside the commit that crosses the threshold
 * @param autocheckpointFrames SQLite's automatic checkpoint threshold for the writer connection
 *     when checkpoints run inside commits (SQLite's and Deno's default: 1000)
 * @param gatherInFlight whether a batch waits for as many writes as were in flight when the
 *     previous batch committed (those it carried and those queued meanwhile), so that writers
 *     split into two groups by a late arrival are brought together again; otherwise it waits for
 *     as many as the previous batch carried
 */
record WritePath(boolean backgroundCheckpoints, int autocheckpointFrames, boolean gatherInFlight) {

  /** Checkpoints inside the commit at SQLite's default threshold, as Deno's connections do. */
  static final WritePath IN_COMMIT = new WritePath(false, Checkpointer.THRESHOLD_FRAMES, false);

  /** Checkpoints on a thread of their own, off the commit path. */
  static final WritePath BACKGROUND = new WritePath(true, Checkpointer.THRESHOLD_FRAMES, false);

  /** Checkpoints inside commits; batches wait for the writes in flight. */
  static final WritePath IN_FLIGHT = new WritePath(false, Checkpointer.THRESHOLD_FRAMES, true);

  static final WritePath DEFAULT = IN_COMMIT;
}
