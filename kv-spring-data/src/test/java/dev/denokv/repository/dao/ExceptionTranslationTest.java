package dev.denokv.repository.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.ListOptions;
import dev.denokv.ListSelector;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.error.KvOutcomeUnknownException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import dev.denokv.error.KvUnsupportedOperationException;
import dev.denokv.key.KvKey;
import dev.denokv.repository.article.Article;
import dev.denokv.repository.article.ArticleRepository;
import dev.denokv.repository.config.EnableKvRepositories;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.KvU64;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;

class ExceptionTranslationTest {

  private static KvTemplate translating() {
    return KvTemplate.builder(SqliteDatabase.inMemory())
        .exceptionTranslator(new KvExceptionTranslator().asFunction()).build();
  }

  @Test
  void theTemplateTranslatesWhatItThrowsKeepingTheOriginalAsCause() {
    try (KvTemplate kv = translating()) {
      assertThatThrownBy(() -> kv.set(KvKey.of("big"), "x".repeat(70_000)))
          .isInstanceOf(InvalidDataAccessApiUsageException.class)
          .hasMessage("Value too large (max 65536 bytes)")
          .hasCauseInstanceOf(KvInvalidArgumentException.class);
      assertThatThrownBy(() -> kv.atomic().set(KvKey.of("k"), "x".repeat(70_000)))
          .isInstanceOf(InvalidDataAccessApiUsageException.class);
      assertThatThrownBy(() -> kv.list(ListSelector.prefix(KvKey.of("p")), Object.class,
          ListOptions.defaults().withCursor("not a cursor!"))).isInstanceOf(InvalidDataAccessApiUsageException.class);
      KvKey tooLong = KvKey.of("k".repeat(3000));
      assertThatThrownBy(() -> kv.atomic().delete(tooLong)).isInstanceOf(InvalidDataAccessApiUsageException.class)
          .hasCauseInstanceOf(KvInvalidArgumentException.class);
      assertThatThrownBy(() -> kv.atomic().check(tooLong, null)).isInstanceOf(InvalidDataAccessApiUsageException.class);
      assertThatThrownBy(() -> kv.atomic().sum(tooLong, KvU64.of(1))).isInstanceOf(InvalidDataAccessApiUsageException.class);
      assertThatThrownBy(() -> kv.atomic().max(tooLong, KvU64.of(1))).isInstanceOf(InvalidDataAccessApiUsageException.class);
      assertThatThrownBy(() -> kv.atomic().set(KvKey.of("k"), "v", Duration.ofMillis(-1)))
          .isInstanceOf(InvalidDataAccessApiUsageException.class);
      kv.set(KvKey.of("text"), "not a number");
      assertThatThrownBy(() -> kv.atomic().sum(KvKey.of("text"), KvU64.of(1)).commit())
          .isInstanceOf(DataIntegrityViolationException.class).hasCauseInstanceOf(KvMutationException.class);
      assertThatThrownBy(() -> kv.atomic().sum(KvKey.of("text"), KvU64.of(1)).commitAsync().join())
          .isInstanceOf(CompletionException.class).hasCauseInstanceOf(DataIntegrityViolationException.class);
      kv.close();
      assertThatThrownBy(() -> kv.get(KvKey.of("k")))
          .isInstanceOf(DataAccessResourceFailureException.class).hasCauseInstanceOf(KvClosedException.class);
    }
  }

  @Test
  void withoutATranslatorTheTemplateThrowsKvExceptions() {
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.inMemory()).build()) {
      assertThatThrownBy(() -> kv.set(KvKey.of("big"), "x".repeat(70_000))).isInstanceOf(KvInvalidArgumentException.class);
    }
  }

  @Configuration
  @EnableKvRepositories(basePackageClasses = ArticleRepository.class)
  static class Config {

    @Bean(destroyMethod = "close")
    KvTemplate kvTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).build();   // no translation of its own
    }

    @Bean
    KvExceptionTranslator kvExceptionTranslator() {
      return new KvExceptionTranslator();
    }
  }

  @Test
  void repositoriesTranslateThroughThePersistenceExceptionTranslatorBean() {
    try (var context = new AnnotationConfigApplicationContext(Config.class)) {
      ArticleRepository articles = context.getBean(ArticleRepository.class);
      assertThatThrownBy(() -> articles.save(new Article("a1", "ann", "Huge", "x".repeat(70_000))))
          .isInstanceOf(InvalidDataAccessApiUsageException.class)
          .hasCauseInstanceOf(KvInvalidArgumentException.class);
      assertThat(articles.count()).isZero();
    }
  }

  @Test
  void everyKvExceptionHasItsDataAccessException() {
    KvExceptionTranslator t = new KvExceptionTranslator();
    assertThat(t.translate(new KvUnsupportedOperationException("x"))).isInstanceOf(InvalidDataAccessApiUsageException.class);
    assertThat(t.translate(new dev.denokv.error.KvIllegalStateException("x")))
        .isInstanceOf(InvalidDataAccessApiUsageException.class);
    assertThat(t.translate(new KvCodecException("x"))).isInstanceOf(DataRetrievalFailureException.class);
    assertThat(t.translate(new KvUnavailableException("x"))).isInstanceOf(DataAccessResourceFailureException.class);
    assertThat(t.translate(new KvOutcomeUnknownException("x", new RuntimeException())))
        .isInstanceOf(KvOutcomeUnknownDataAccessException.class);
    assertThat(t.translate(new KvRemoteException(401, "x"))).isInstanceOf(PermissionDeniedDataAccessException.class);
    assertThat(t.translate(new KvRemoteException(400, "x"))).isInstanceOf(InvalidDataAccessResourceUsageException.class);
    assertThat(t.translate(new KvException("x"))).isInstanceOf(UncategorizedKvException.class).hasMessage("x");
    assertThat(t.translateExceptionIfPossible(new IllegalStateException())).isNull();
  }
}
