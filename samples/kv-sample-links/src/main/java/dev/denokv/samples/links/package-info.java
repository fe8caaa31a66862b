/** A link shortener on Deno KV: the sample application of the Spring Boot starter. */
@NullMarked
package dev.denokv.samples.links;

import org.jspecify.annotations.NullMarked;
