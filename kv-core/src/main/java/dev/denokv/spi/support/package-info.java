/**
 * Building blocks shared by the backends that keep their own watches and queue consumers (the
 * embedded SQLite backend, the PostgreSQL backend): coalescing watch re-reads and waking waiting
 * consumers. For backend implementations, not for applications.
 */
@NullMarked
package dev.denokv.spi.support;

import org.jspecify.annotations.NullMarked;
