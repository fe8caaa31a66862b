package dev.denokv.samples.notes;

import java.time.Instant;

/** A DTO projection of a note. */
public record NoteSummary(String title, String author, Instant createdAt) {}
