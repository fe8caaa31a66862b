/** The V8 ValueSerializer format as Deno KV stores values. */
@NullMarked
package dev.denokv.value.v8;

import org.jspecify.annotations.NullMarked;
