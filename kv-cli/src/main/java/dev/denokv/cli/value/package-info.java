/** How the command line reads and writes stored values without loss. */
@NullMarked
package dev.denokv.cli.value;

import org.jspecify.annotations.NullMarked;
