/** The typed exceptions every layer of the library throws. */
@NullMarked
package dev.denokv.error;

import org.jspecify.annotations.NullMarked;
