/** The command's exit codes and how failures become one-line messages. */
@NullMarked
package dev.denokv.cli.error;

import org.jspecify.annotations.NullMarked;
