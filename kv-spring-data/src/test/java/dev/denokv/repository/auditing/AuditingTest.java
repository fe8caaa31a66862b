package dev.denokv.repository.auditing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.repository.article.Article;
import dev.denokv.repository.article.ArticleRepository;
import dev.denokv.repository.config.EnableKvRepositories;
import dev.denokv.sqlite.SqliteDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;

class AuditingTest {

  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-01-02T03:04:05Z"));
  static final AtomicReference<String> USER = new AtomicReference<>("ann");

  @Configuration
  @EnableKvRepositories(basePackageClasses = ArticleRepository.class)
  @EnableKvAuditing(dateTimeProviderRef = "clock")
  static class Config {

    @Bean(destroyMethod = "close")
    KvTemplate kvTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).build();
    }

    @Bean
    AuditorAware<String> auditor() {
      return () -> Optional.of(USER.get());
    }

    @Bean
    DateTimeProvider clock() {
      return () -> Optional.of(NOW.get());
    }
  }

  @Test
  void createdAndModifiedPropertiesAreFilledAndStored() {
    try (var context = new AnnotationConfigApplicationContext(Config.class)) {
      ArticleRepository articles = context.getBean(ArticleRepository.class);
      Instant created = NOW.get();
      Article saved = articles.save(new Article("a1", "ann", "First", "..."));
      assertThat(saved.getCreatedAt()).isEqualTo(created);
      assertThat(saved.getModifiedAt()).isEqualTo(created);
      assertThat(saved.getCreatedBy()).isEqualTo("ann");

      NOW.set(created.plus(1, ChronoUnit.HOURS));
      USER.set("bob");
      Article loaded = articles.findById("a1").orElseThrow();
      loaded.setTitle("Second");
      Article modified = articles.save(loaded);
      assertThat(modified.getCreatedAt()).isEqualTo(created);
      assertThat(modified.getCreatedBy()).isEqualTo("ann");
      assertThat(modified.getModifiedAt()).isEqualTo(NOW.get());
      assertThat(modified.getModifiedBy()).isEqualTo("bob");

      @SuppressWarnings("unchecked")
      Map<String, Object> stored = context.getBean(KvTemplate.class).get(KvKey.of("articles", "a1"), Map.class).value();
      assertThat(stored).containsEntry("createdBy", "ann").containsEntry("modifiedBy", "bob")
          .containsKeys("createdAt", "modifiedAt");
    }
  }
}
