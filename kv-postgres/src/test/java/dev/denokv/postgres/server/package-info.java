/** KV Connect server instances over one PostgreSQL database, run as separate processes. */
@NullMarked
package dev.denokv.postgres.server;

import org.jspecify.annotations.NullMarked;
