/** Entities and repositories the tests use. */
@NullMarked
package dev.denokv.repository.sample;

import org.jspecify.annotations.NullMarked;
