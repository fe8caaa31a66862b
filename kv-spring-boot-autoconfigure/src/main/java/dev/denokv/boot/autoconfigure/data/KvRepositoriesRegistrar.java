package dev.denokv.boot.autoconfigure.data;

import dev.denokv.repository.config.EnableKvRepositories;
import dev.denokv.repository.config.KvRepositoryConfigurationExtension;
import java.lang.annotation.Annotation;
import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories found in the application's auto-configuration packages. */
class KvRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

  @Override
  protected Class<? extends Annotation> getAnnotation() {
    return EnableKvRepositories.class;
  }

  @Override
  protected Class<?> getConfiguration() {
    return EnableKvRepositoriesConfiguration.class;
  }

  @Override
  protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
    return new KvRepositoryConfigurationExtension();
  }

  @EnableKvRepositories
  private static final class EnableKvRepositoriesConfiguration {}
}
