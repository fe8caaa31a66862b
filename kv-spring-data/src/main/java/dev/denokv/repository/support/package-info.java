/**
 * Repository implementation: the factory, the base repository and the store that keeps entities and their index keys consistent.
 */
@NullMarked
package dev.denokv.repository.support;

import org.jspecify.annotations.NullMarked;
