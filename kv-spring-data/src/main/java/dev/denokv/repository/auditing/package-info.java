/**
 * Auditing of Deno KV entities: {@code @CreatedDate}, {@code @LastModifiedDate}, {@code @CreatedBy}
 * and {@code @LastModifiedBy}, enabled with {@link dev.denokv.repository.auditing.EnableKvAuditing}.
 */
@NullMarked
package dev.denokv.repository.auditing;

import org.jspecify.annotations.NullMarked;
