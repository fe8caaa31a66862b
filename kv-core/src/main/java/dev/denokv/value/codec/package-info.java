/** The default {@link dev.denokv.value.ValueCodec}: Deno's encoding choices over the V8 codecs. */
@NullMarked
package dev.denokv.value.codec;

import org.jspecify.annotations.NullMarked;
