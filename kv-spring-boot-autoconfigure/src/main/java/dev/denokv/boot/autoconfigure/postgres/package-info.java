/** Spring Boot auto-configuration of the PostgreSQL backend ({@code kv.postgres.*}). */
@NullMarked
package dev.denokv.boot.autoconfigure.postgres;

import org.jspecify.annotations.NullMarked;
