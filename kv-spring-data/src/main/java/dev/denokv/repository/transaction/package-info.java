/**
 * Spring transactions over Deno KV: {@link dev.denokv.repository.transaction.KvTransactionManager}
 * makes {@code @Transactional} work on a {@link dev.denokv.KvTemplate} and its repositories one Deno
 * KV atomic operation, committed optimistically.
 */
@NullMarked
package dev.denokv.repository.transaction;

import org.jspecify.annotations.NullMarked;
