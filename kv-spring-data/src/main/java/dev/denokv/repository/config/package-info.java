/**
 * Enabling Deno KV repositories in a Spring application context.
 */
@NullMarked
package dev.denokv.repository.config;

import org.jspecify.annotations.NullMarked;
