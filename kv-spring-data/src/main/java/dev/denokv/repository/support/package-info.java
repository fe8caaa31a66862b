/**
 * Repository implementation: the factory, the base repository, the store that keeps entities and
 * their index keys consistent, and derived query methods over secondary indexes.
 */
@NullMarked
package dev.denokv.repository.support;

import org.jspecify.annotations.NullMarked;
