/** Values as Deno KV stores them: the JS value model, {@link dev.denokv.value.KvU64}, and value codecs. */
@NullMarked
package dev.denokv.value;

import org.jspecify.annotations.NullMarked;
