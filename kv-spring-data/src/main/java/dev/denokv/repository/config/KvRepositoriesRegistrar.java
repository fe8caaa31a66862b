package dev.denokv.repository.config;

import java.lang.annotation.Annotation;
import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories {@link EnableKvRepositories} asks for. */
public class KvRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

  @Override
  protected Class<? extends Annotation> getAnnotation() {
    return EnableKvRepositories.class;
  }

  @Override
  protected RepositoryConfigurationExtension getExtension() {
    return new KvRepositoryConfigurationExtension();
  }
}
