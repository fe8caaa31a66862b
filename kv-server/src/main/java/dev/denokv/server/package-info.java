/**
 * A KV Connect server: serves any {@link dev.denokv.spi.Database} to Deno programs, the
 * {@code @deno/kv} client and the project's remote client, as Spring MVC functional endpoints
 * ({@link dev.denokv.server.KvConnectHandler#routerFunction()}).
 */
@NullMarked
package dev.denokv.server;

import org.jspecify.annotations.NullMarked;
