/** Keys and values in Deno's notation: the JavaScript literals a Deno program writes. */
@NullMarked
package dev.denokv.cli.notation;

import org.jspecify.annotations.NullMarked;
