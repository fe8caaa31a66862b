/** Throwaway PostgreSQL servers for tests. */
@NullMarked
package dev.denokv.postgres.testing;

import org.jspecify.annotations.NullMarked;
