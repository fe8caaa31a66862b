/**
 * Building blocks shared by the backends that keep their own watches and queue consumers (the
 * embedded SQLite backend, the PostgreSQL backend): coalescing watch re-reads, waking waiting
 * consumers, and the arithmetic of {@code sum}, {@code min} and {@code max} with Deno's results and
 * messages. For backend implementations, not for applications.
 */
@NullMarked
package dev.denokv.spi.support;

import org.jspecify.annotations.NullMarked;
