/**
 * The Deno KV API for Java: {@link dev.denokv.KvTemplate} and its value types. Everything here is
 * backend-independent; the same code runs on the embedded SQLite database and on a remote KV
 * Connect database.
 */
@NullMarked
package dev.denokv;

import org.jspecify.annotations.NullMarked;
