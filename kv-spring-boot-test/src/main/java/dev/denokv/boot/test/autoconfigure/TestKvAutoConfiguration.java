package dev.denokv.boot.test.autoconfigure;

import dev.denokv.KvTemplate;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import dev.denokv.spi.Database;
import dev.denokv.sqlite.SqliteDatabase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The auto-configuration behind {@link AutoConfigureTestKv}: after the bean definitions are read,
 * every {@code Database} bean that {@code kv.test.replace} selects is replaced by one private
 * in-memory SQLite database, closed with the context. It is also the database of the
 * auto-configured {@code KvTemplate} when no backend defines one (for example a remote URL whose
 * client module the tests do not have).
 */
@AutoConfiguration(after = KvAutoConfiguration.class)
public class TestKvAutoConfiguration {

  @Bean
  static BeanDefinitionRegistryPostProcessor kvTestDatabaseReplacer() {
    return new DatabaseReplacer();
  }

  /** Replaces the selected {@code Database} bean definitions. */
  static final class DatabaseReplacer implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReplacer.class);
    static final String BEAN_NAME = "kvDatabase";
    private static final String AUTO_CONFIGURATION_PACKAGE = "dev.denokv.boot.autoconfigure.";

    private AutoConfigureTestKv.Replace replace = AutoConfigureTestKv.Replace.ANY;

    @Override
    public void setEnvironment(Environment environment) {
      this.replace = Binder.get(environment).bind("kv.test.replace", AutoConfigureTestKv.Replace.class)
          .orElse(AutoConfigureTestKv.Replace.ANY);
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
      if (replace == AutoConfigureTestKv.Replace.NONE
          || !(registry instanceof ConfigurableListableBeanFactory beanFactory)) {
        return;
      }
      List<String> replaced = new ArrayList<>();
      for (String name : beanFactory.getBeanNamesForType(Database.class, true, false)) {
        BeanDefinition definition = registry.getBeanDefinition(name);
        if (replace == AutoConfigureTestKv.Replace.ANY || isAutoConfigured(definition)) {
          registry.removeBeanDefinition(name);
          replaced.add(name);
        }
      }
      boolean databaseLeft = beanFactory.getBeanNamesForType(Database.class, true, false).length > 0;
      if (replaced.isEmpty() && (databaseLeft || !autoConfiguredTemplate(beanFactory))) {
        return;
      }
      RootBeanDefinition inMemory = new RootBeanDefinition(SqliteDatabase.class, SqliteDatabase::inMemory);
      inMemory.setDestroyMethodName("close");
      inMemory.setPrimary(true);
      registry.registerBeanDefinition(BEAN_NAME, inMemory);
      log.info("Deno KV: the test uses a private in-memory database in place of {}", replaced);
    }

    /**
     * Whether the auto-configured template is there, waiting for a database that no backend
     * provides (such as a remote one whose module is absent from the test class path).
     */
    private static boolean autoConfiguredTemplate(ConfigurableListableBeanFactory beanFactory) {
      for (String name : beanFactory.getBeanNamesForType(KvTemplate.class, true, false)) {
        if (isAutoConfigured(beanFactory.getBeanDefinition(name))) {
          return true;
        }
      }
      return false;
    }

    private static boolean isAutoConfigured(BeanDefinition definition) {
      String factory = definition.getFactoryBeanName();
      return factory != null && factory.startsWith(AUTO_CONFIGURATION_PACKAGE);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
