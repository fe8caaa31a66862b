/**
 * Spring's {@code DataAccessException} hierarchy for Deno KV: the translation of every
 * {@link dev.denokv.error.KvException}.
 */
@NullMarked
package dev.denokv.repository.dao;

import org.jspecify.annotations.NullMarked;
