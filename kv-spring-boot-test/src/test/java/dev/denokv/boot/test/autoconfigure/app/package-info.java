@NullMarked
package dev.denokv.boot.test.autoconfigure.app;

import org.jspecify.annotations.NullMarked;
