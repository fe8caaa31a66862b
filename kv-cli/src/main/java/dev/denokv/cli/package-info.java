/** The {@code kv} command line. */
@NullMarked
package dev.denokv.cli;

import org.jspecify.annotations.NullMarked;
