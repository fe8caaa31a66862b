package dev.denokv.boot.autoconfigure.transaction;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.boot.autoconfigure.KvTemplateBuilderCustomizer;
import dev.denokv.repository.dao.KvExceptionTranslator;
import dev.denokv.repository.transaction.KvTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Spring transactions and exception translation over Deno KV:
 * <ul>
 *   <li>a {@link KvExceptionTranslator} bean (a {@code PersistenceExceptionTranslator}, which
 *       repositories apply), unless the application defines one;</li>
 *   <li>the auto-configured {@link KvTemplate} translates what it throws with it, and joins
 *       transactions of a {@link KvTransactionManager};</li>
 *   <li>a {@link KvTransactionManager} named {@code transactionManager}, unless the application has
 *       a {@link TransactionManager} already (such as a JDBC or JPA one: define a
 *       {@code KvTransactionManager} bean yourself and name it in {@code @Transactional}).</li>
 * </ul>
 * Runs after the JDBC and JPA transaction managers' auto-configurations, so that theirs wins when
 * present, and before Spring Boot's transaction auto-configuration, which enables
 * {@code @Transactional}.
 */
@AutoConfiguration(
    after = KvAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
      "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"
    },
    beforeName = "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration")
@ConditionalOnClass({KvTransactionManager.class, PlatformTransactionManager.class})
public class KvTransactionAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KvTransactionAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  KvExceptionTranslator kvExceptionTranslator() {
    return new KvExceptionTranslator();
  }

  @Bean
  KvTemplateBuilderCustomizer kvTransactionAndTranslationCustomizer(KvExceptionTranslator translator) {
    return builder -> builder.unitOfWork(KvTransactionManager.unitOfWorkLookup())
        .exceptionTranslator(translator.asFunction());
  }

  @Bean
  @ConditionalOnSingleCandidate(KvTemplate.class)
  @ConditionalOnMissingBean(TransactionManager.class)
  KvTransactionManager transactionManager(KvTemplate template) {
    if (template.unitOfWorkLookup() == null) {
      log.warn("Deno KV: the application's KvTemplate was built without KvTransactionManager.unitOfWorkLookup(); "
          + "its writes commit at once even inside @Transactional methods");
    }
    return new KvTransactionManager(template);
  }
}
