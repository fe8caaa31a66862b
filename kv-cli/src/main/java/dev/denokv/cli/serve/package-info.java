/** {@code kv serve}: the project's KV Connect server over any database, in one command. */
@NullMarked
package dev.denokv.cli.serve;

import org.jspecify.annotations.NullMarked;
