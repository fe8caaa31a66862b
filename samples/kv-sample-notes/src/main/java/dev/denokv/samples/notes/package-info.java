/** A notes service on Deno KV repositories: transactions, projections and auditing. */
@NullMarked
package dev.denokv.samples.notes;

import org.jspecify.annotations.NullMarked;
