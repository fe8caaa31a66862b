/**
 * A Deno KV database in PostgreSQL. Any number of application and KV Connect server instances
 * share one database: versionstamps follow commit order across instances, watches and queue
 * consumers are woken across instances with {@code LISTEN}/{@code NOTIFY}, and queue messages are
 * reserved with {@code FOR UPDATE SKIP LOCKED}.
 */
@NullMarked
package dev.denokv.postgres;

import org.jspecify.annotations.NullMarked;
