/**
 * The Spring Data mapping model of Deno KV entities: prefixes, key parts, indexes, versionstamps and expiry.
 */
@NullMarked
package dev.denokv.repository.mapping;

import org.jspecify.annotations.NullMarked;
