/** Which database a command works on: the {@code --path}, {@code --memory} and {@code --url} options. */
@NullMarked
package dev.denokv.cli.target;

import org.jspecify.annotations.NullMarked;
