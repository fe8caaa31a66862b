@NullMarked
package dev.denokv.boot.autoconfigure.data.city;

import org.jspecify.annotations.NullMarked;
