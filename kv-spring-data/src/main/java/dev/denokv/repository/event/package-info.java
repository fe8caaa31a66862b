/** Entity callbacks Deno KV repositories invoke around writes. */
@NullMarked
package dev.denokv.repository.event;

import org.jspecify.annotations.NullMarked;
