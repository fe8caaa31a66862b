/** Spring Data repositories over Deno KV, enabled automatically when {@code kv-spring-data} is present. */
@NullMarked
package dev.denokv.boot.autoconfigure.data;

import org.jspecify.annotations.NullMarked;
