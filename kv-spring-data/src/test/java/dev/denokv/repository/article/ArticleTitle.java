package dev.denokv.repository.article;

/** A closed interface projection of an article. */
public interface ArticleTitle {
  String getTitle();
}
