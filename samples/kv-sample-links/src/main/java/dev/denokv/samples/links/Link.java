package dev.denokv.samples.links;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A short link, stored as a plain JS object a Deno program reads as
 * {@code {code, url, owner, createdAt: Date, expiresAt: Date | null}}.
 */
public record Link(String code, String url, String owner, Instant createdAt, @Nullable Instant expiresAt) {}
