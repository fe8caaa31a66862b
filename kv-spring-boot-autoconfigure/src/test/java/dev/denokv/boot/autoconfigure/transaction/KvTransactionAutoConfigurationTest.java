package dev.denokv.boot.autoconfigure.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.repository.dao.KvExceptionTranslator;
import dev.denokv.repository.transaction.KvTransactionManager;
import dev.denokv.sqlite.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class KvTransactionAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(KvAutoConfiguration.class, KvTransactionAutoConfiguration.class,
          TransactionAutoConfiguration.class))
      .withPropertyValues("kv.in-memory=true");

  @Test
  void theTemplateJoinsTransactionsOfTheAutoConfiguredManagerAndTranslatesExceptions() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(KvTransactionManager.class).hasBean("transactionManager")
          .hasSingleBean(KvExceptionTranslator.class).hasSingleBean(TransactionTemplate.class);
      KvTemplate kv = context.getBean(KvTemplate.class);
      TransactionTemplate tx = context.getBean(TransactionTemplate.class);
      assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
        kv.set(KvKey.of("k"), 1);
        throw new IllegalStateException("rolled back");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(kv.get(KvKey.of("k")).exists()).isFalse();
      tx.executeWithoutResult(status -> kv.set(KvKey.of("k"), 2));
      assertThat(kv.get(KvKey.of("k")).value()).isEqualTo(2);
      assertThatThrownBy(() -> kv.set(KvKey.of("big"), "x".repeat(70_000)))
          .isInstanceOf(InvalidDataAccessApiUsageException.class).hasCauseInstanceOf(KvInvalidArgumentException.class);
    });
  }

  @Test
  void backsOffWithoutTheSpringDataModule() {
    runner.withClassLoader(new FilteredClassLoader(KvTransactionManager.class))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(PlatformTransactionManager.class)
              .doesNotHaveBean(PersistenceExceptionTranslator.class);
          assertThatThrownBy(() -> context.getBean(KvTemplate.class).set(KvKey.of("big"), "x".repeat(70_000)))
              .isInstanceOf(KvInvalidArgumentException.class);
        });
  }

  @Test
  void backsOffWithoutSpringTx() {
    runner.withClassLoader(new FilteredClassLoader(PlatformTransactionManager.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("transactionManager")
            .doesNotHaveBean(KvExceptionTranslator.class).hasSingleBean(KvTemplate.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class OtherTransactionManager {
    @Bean
    PlatformTransactionManager transactionManager() {
      return new AbstractPlatformTransactionManager() {
        @Override
        protected Object doGetTransaction() {
          return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
      };
    }
  }

  @Test
  void backsOffWhenTheApplicationHasATransactionManagerButTheTemplateStillTranslates() {
    runner.withUserConfiguration(OtherTransactionManager.class).run(context -> {
      assertThat(context).doesNotHaveBean(KvTransactionManager.class).hasSingleBean(PlatformTransactionManager.class);
      assertThat(context.getBean(KvTemplate.class).unitOfWorkLookup()).isNotNull();
      assertThatThrownBy(() -> context.getBean(KvTemplate.class).set(KvKey.of("big"), "x".repeat(70_000)))
          .isInstanceOf(InvalidDataAccessApiUsageException.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTranslator {
    static final KvExceptionTranslator TRANSLATOR = new KvExceptionTranslator();

    @Bean
    KvExceptionTranslator myTranslator() {
      return TRANSLATOR;
    }
  }

  @Test
  void theApplicationsTranslatorIsUsed() {
    runner.withUserConfiguration(OwnTranslator.class)
        .run(context -> assertThat(context).getBean(KvExceptionTranslator.class).isSameAs(OwnTranslator.TRANSLATOR));
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnTemplate {
    @Bean(destroyMethod = "close")
    KvTemplate kvTemplate() {
      return KvTemplate.builder(SqliteDatabase.inMemory()).build();
    }
  }

  @Test
  void anApplicationTemplateGetsAManagerButIsNotCustomized() {
    runner.withUserConfiguration(OwnTemplate.class).run(context -> {
      assertThat(context).hasSingleBean(KvTransactionManager.class);
      KvTemplate kv = context.getBean(KvTemplate.class);
      assertThat(kv.unitOfWorkLookup()).isNull();
      TransactionStatus status = context.getBean(KvTransactionManager.class).getTransaction(null);
      kv.set(KvKey.of("k"), 1);
      context.getBean(KvTransactionManager.class).rollback(status);
      assertThat(kv.get(KvKey.of("k")).exists()).isTrue();   // as the start-up warning says
    });
  }
}
