package dev.denokv.repository.article;

/** A DTO projection of an article. */
public record ArticleSummary(String title, String author) {}
