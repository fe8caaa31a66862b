/**
 * Deno KV keys: {@link dev.denokv.key.KvKey}, an immutable tuple of key parts, and
 * {@link dev.denokv.key.KeyCodec}, its byte encoding, identical to Deno's so that Java and Deno
 * address and order the same entries.
 */
@NullMarked
package dev.denokv.key;

import org.jspecify.annotations.NullMarked;
