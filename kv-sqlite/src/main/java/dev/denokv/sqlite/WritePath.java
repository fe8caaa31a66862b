package dev.denokv.sqlite;

/**
 * How the writer connection checkpoints its WAL (package-private: compared side by side by the
 * write benchmarks; every file database uses {@link #DEFAULT}).
 *
 * @param backgroundCheckpoints whether a {@link Checkpointer} thread checkpoints off the commit
 *     path; otherwise SQLite checkpoints inside the commit that crosses the threshold
 * @param autocheckpointFrames SQLite's automatic checkpoint threshold for the writer connection
 *     when checkpoints run inside commits (SQLite's and Deno's default: 1000)
 */
record WritePath(boolean backgroundCheckpoints, int autocheckpointFrames) {

  static final WritePath DEFAULT = new WritePath(true, Checkpointer.THRESHOLD_FRAMES);

  /** Checkpoints inside the commit at SQLite's default threshold, as Deno's connections do. */
  static final WritePath IN_COMMIT = new WritePath(false, Checkpointer.THRESHOLD_FRAMES);
}
