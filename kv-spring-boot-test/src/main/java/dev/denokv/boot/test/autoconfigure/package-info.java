/**
 * Testing Spring Boot applications that use Deno KV: the {@link dev.denokv.boot.test.autoconfigure.DataKvTest}
 * slice and {@link dev.denokv.boot.test.autoconfigure.AutoConfigureTestKv}, which give every test
 * context a private in-memory database.
 */
@NullMarked
package dev.denokv.boot.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
