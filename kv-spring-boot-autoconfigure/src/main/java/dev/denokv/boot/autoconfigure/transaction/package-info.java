/**
 * Spring transactions and exception translation for Deno KV, enabled automatically when
 * {@code kv-spring-data} and {@code spring-tx} are present.
 */
@NullMarked
package dev.denokv.boot.autoconfigure.transaction;

import org.jspecify.annotations.NullMarked;
