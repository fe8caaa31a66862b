/** Moving data in and out: exports and imports in {@code @deno/kv-utils}' form, SQLite online backups. */
@NullMarked
package dev.denokv.cli.transfer;

import org.jspecify.annotations.NullMarked;
