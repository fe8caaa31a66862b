package dev.denokv.repository.article;

import dev.denokv.repository.KvRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

public interface ArticleRepository extends KvRepository<Article, String> {

  List<ArticleTitle> findByAuthor(String author);

  List<ArticleSummary> findSummariesByAuthor(String author);

  Optional<ArticleSummary> findFirstByAuthor(String author);

  Stream<ArticleTitle> streamByAuthor(String author);

  Window<ArticleTitle> findTitlesByAuthor(String author, ScrollPosition position, Limit limit);

  <T> List<T> findByAuthor(String author, Class<T> type);

  long countByAuthor(String author);
}
