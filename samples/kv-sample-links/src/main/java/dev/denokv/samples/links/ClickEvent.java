package dev.denokv.samples.links;

import java.time.Instant;

/** Enqueued on every redirect; a queue listener counts it. */
public record ClickEvent(String code, Instant at) {}
