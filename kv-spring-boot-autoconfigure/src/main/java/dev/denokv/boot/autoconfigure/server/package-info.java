/** Serving the application's database over KV Connect with {@code kv.server.enabled=true}. */
@NullMarked
package dev.denokv.boot.autoconfigure.server;

import org.jspecify.annotations.NullMarked;
