/** Health and metrics of Deno KV, when Spring Boot's health support and Micrometer are present. */
@NullMarked
package dev.denokv.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
