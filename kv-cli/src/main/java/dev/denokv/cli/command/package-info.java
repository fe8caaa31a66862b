/** The subcommands of {@code kv}. */
@NullMarked
package dev.denokv.cli.command;

import org.jspecify.annotations.NullMarked;
