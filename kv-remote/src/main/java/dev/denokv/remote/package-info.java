/**
 * The KV Connect backend: a {@link dev.denokv.spi.Database} served by a remote KV Connect server
 * (Deno Deploy, denokv, or this project's own server), reached over HTTP with Spring's
 * {@link org.springframework.web.client.RestClient}. Start at {@link dev.denokv.remote.RemoteDatabase#builder()}.
 */
@NullMarked
package dev.denokv.remote;

import org.jspecify.annotations.NullMarked;
