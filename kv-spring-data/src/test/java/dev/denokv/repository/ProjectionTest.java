package dev.denokv.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.repository.article.Article;
import dev.denokv.repository.article.ArticleRepository;
import dev.denokv.repository.article.ArticleSummary;
import dev.denokv.repository.article.ArticleTitle;
import dev.denokv.repository.support.KvRepositoryFactory;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.repository.query.QueryByExampleExecutor;

class ProjectionTest {

  record Subtitle(String subtitle) {}

  interface Misnamed {
    String getHeadline();
  }

  interface DtoWithUnknownProperty extends KvRepository<Article, String> {
    List<Subtitle> findByAuthor(String author);
  }

  interface InterfaceWithUnknownProperty extends KvRepository<Article, String> {
    List<Misnamed> findByAuthor(String author);
  }

  interface ByExample extends KvRepository<Article, String>, QueryByExampleExecutor<Article> {}

  private final KvTemplate template = Kv.inMemory();
  private final KvRepositoryFactory factory = new KvRepositoryFactory(template);
  private final ArticleRepository articles = factory.getRepository(ArticleRepository.class);

  @BeforeEach
  void articles() {
    articles.save(new Article("a1", "ann", "Deno KV from Java", "..."));
    articles.save(new Article("a2", "ann", "Projections", "..."));
    articles.save(new Article("a3", "bob", "Elsewhere", "..."));
  }

  @AfterEach
  void close() {
    template.close();
  }

  @Test
  void interfaceProjections() {
    assertThat(articles.findByAuthor("ann")).extracting(ArticleTitle::getTitle)
        .containsExactly("Deno KV from Java", "Projections");
    assertThat(articles.streamByAuthor("bob").map(ArticleTitle::getTitle)).containsExactly("Elsewhere");
    Window<ArticleTitle> first = articles.findTitlesByAuthor("ann", ScrollPosition.keyset(), Limit.of(1));
    assertThat(first.getContent()).extracting(ArticleTitle::getTitle).containsExactly("Deno KV from Java");
    assertThat(first.hasNext()).isTrue();
  }

  @Test
  void dtoProjections() {
    assertThat(articles.findSummariesByAuthor("ann")).containsExactly(
        new ArticleSummary("Deno KV from Java", "ann"), new ArticleSummary("Projections", "ann"));
    assertThat(articles.findFirstByAuthor("bob")).contains(new ArticleSummary("Elsewhere", "bob"));
    assertThat(articles.findFirstByAuthor("nobody")).isEmpty();
  }

  @Test
  void dynamicProjections() {
    assertThat(articles.findByAuthor("bob", ArticleSummary.class)).containsExactly(new ArticleSummary("Elsewhere", "bob"));
    assertThat(articles.findByAuthor("bob", ArticleTitle.class)).extracting(ArticleTitle::getTitle)
        .containsExactly("Elsewhere");
    assertThat(articles.findByAuthor("bob", Article.class)).extracting(Article::getId).containsExactly("a3");
    assertThat(articles.countByAuthor("ann")).isEqualTo(2);
  }

  @Test
  void aProjectionOfAPropertyTheEntityLacksFailsWhenTheRepositoryIsCreated() {
    assertThatThrownBy(() -> factory.getRepository(DtoWithUnknownProperty.class))
        .hasRootCauseInstanceOf(MappingException.class)
        .rootCause().hasMessageContaining("query method findByAuthor")
        .hasMessageContaining(Subtitle.class.getName())
        .hasMessageContaining("'subtitle' is not a property of");
    assertThatThrownBy(() -> factory.getRepository(InterfaceWithUnknownProperty.class))
        .rootCause().hasMessageContaining("query method findByAuthor").hasMessageContaining("'headline'");
  }

  @Test
  void queryByExampleIsRefusedWhenTheRepositoryIsCreated() {
    assertThatThrownBy(() -> factory.getRepository(ByExample.class))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("QueryByExampleExecutor").hasMessageContaining("@Indexed");
  }
}
