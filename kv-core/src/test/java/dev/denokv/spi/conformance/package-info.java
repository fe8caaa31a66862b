/**
 * The backend SPI's semantics as one test suite that every backend runs unchanged: extend
 * {@link dev.denokv.spi.conformance.DatabaseConformance} and open a fresh database per test.
 */
@NullMarked
package dev.denokv.spi.conformance;

import org.jspecify.annotations.NullMarked;
