/**
 * Derived query methods over secondary indexes.
 */
@NullMarked
package dev.denokv.repository.query;

import org.jspecify.annotations.NullMarked;
