/**
 * The embedded SQLite backend: Deno's on-disk schema, group commit, expiry sweeper, watch
 * notifications (including writes of other processes) and the durable queue.
 */
@NullMarked
package dev.denokv.sqlite;

import org.jspecify.annotations.NullMarked;
