package dev.denokv.repository.config;

import dev.denokv.repository.KvEntity;
import dev.denokv.repository.KvRepository;
import dev.denokv.repository.mapping.KvMappingContext;
import dev.denokv.repository.support.KvRepositoryFactoryBean;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.config.RepositoryConfigurationSource;

/**
 * Spring Data's configuration of Deno KV repositories: wires each repository factory bean to the
 * {@code KvTemplate} bean ({@code kvTemplateRef}, default {@code kvTemplate}) and to a shared
 * {@link KvMappingContext} bean ({@code mappingContextRef}, default {@code kvMappingContext}),
 * which it registers when no bean of that name exists.
 */
public class KvRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

  /** The name of the mapping context bean registered by default. */
  public static final String MAPPING_CONTEXT_BEAN_NAME = "kvMappingContext";

  private static final String DEFAULT_TEMPLATE_BEAN_NAME = "kvTemplate";

  @Override
  public String getModuleName() {
    return "Deno KV";
  }

  @Override
  protected String getModulePrefix() {
    return "kv";
  }

  @Override
  public String getRepositoryFactoryBeanClassName() {
    return KvRepositoryFactoryBean.class.getName();
  }

  @Override
  protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
    return List.of(KvEntity.class);
  }

  @Override
  protected Collection<Class<?>> getIdentifyingTypes() {
    return List.of(KvRepository.class);
  }

  @Override
  public void registerBeansForRoot(BeanDefinitionRegistry registry, RepositoryConfigurationSource source) {
    super.registerBeansForRoot(registry, source);
    String name = mappingContextName(source);
    if (!registry.containsBeanDefinition(name)) {
      registry.registerBeanDefinition(name,
          BeanDefinitionBuilder.genericBeanDefinition(KvMappingContext.class).getBeanDefinition());
    }
  }

  @Override
  public void postProcess(BeanDefinitionBuilder builder, RepositoryConfigurationSource source) {
    builder.addPropertyReference("kvTemplate",
        source.getAttribute("kvTemplateRef").orElse(DEFAULT_TEMPLATE_BEAN_NAME));
    builder.addPropertyReference("kvMappingContext", mappingContextName(source));
  }

  private static String mappingContextName(RepositoryConfigurationSource source) {
    return source.getAttribute("mappingContextRef").orElse(MAPPING_CONTEXT_BEAN_NAME);
  }
}
