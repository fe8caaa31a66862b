/**
 * Spring Boot auto-configuration of Deno KV: the backend ({@code kv.url} → KV Connect, otherwise
 * embedded SQLite), the value codec and {@link dev.denokv.KvTemplate}, configured by
 * {@link dev.denokv.boot.autoconfigure.KvProperties}.
 */
@NullMarked
package dev.denokv.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
