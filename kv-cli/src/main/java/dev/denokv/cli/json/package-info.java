/** The JSON form of entries, keys and values that Deno's {@code @deno/kv-utils} exports and imports. */
@NullMarked
package dev.denokv.cli.json;

import org.jspecify.annotations.NullMarked;
