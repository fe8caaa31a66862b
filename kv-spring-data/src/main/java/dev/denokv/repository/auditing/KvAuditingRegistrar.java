package dev.denokv.repository.auditing;

import dev.denokv.repository.config.KvRepositoryConfigurationExtension;
import dev.denokv.repository.mapping.KvMappingContext;
import java.lang.annotation.Annotation;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.auditing.IsNewAwareAuditingHandler;
import org.springframework.data.auditing.config.AuditingBeanDefinitionRegistrarSupport;
import org.springframework.data.auditing.config.AuditingConfiguration;
import org.springframework.data.config.ParsingUtils;

/** Registers the auditing handler and the callback that applies it to every save. */
class KvAuditingRegistrar extends AuditingBeanDefinitionRegistrarSupport {

  static final String HANDLER_BEAN_NAME = "kvAuditingHandler";

  @Override
  protected Class<? extends Annotation> getAnnotation() {
    return EnableKvAuditing.class;
  }

  @Override
  protected String getAuditingHandlerBeanName() {
    return HANDLER_BEAN_NAME;
  }

  @Override
  protected BeanDefinitionBuilder getAuditHandlerBeanDefinitionBuilder(AuditingConfiguration configuration) {
    return configureDefaultAuditHandlerAttributes(configuration,
        BeanDefinitionBuilder.rootBeanDefinition(IsNewAwareAuditingHandler.class));
  }

  @Override
  protected void postProcess(BeanDefinitionBuilder builder, AuditingConfiguration configuration,
      BeanDefinitionRegistry registry) {
    String context = KvRepositoryConfigurationExtension.MAPPING_CONTEXT_BEAN_NAME;
    if (!registry.containsBeanDefinition(context)) {
      registry.registerBeanDefinition(context,
          BeanDefinitionBuilder.genericBeanDefinition(KvMappingContext.class).getBeanDefinition());
    }
    builder.setFactoryMethod("from").addConstructorArgReference(context);
    if (configuration.getDateTimeProviderRef() == null || configuration.getDateTimeProviderRef().isEmpty()) {
      builder.addPropertyValue("dateTimeProvider", new MillisecondDateTimeProvider());
    }
  }

  @Override
  protected void registerAuditListenerBeanDefinition(BeanDefinition auditingHandlerDefinition,
      BeanDefinitionRegistry registry) {
    BeanDefinitionBuilder callback = BeanDefinitionBuilder.rootBeanDefinition(AuditingBeforeSaveCallback.class);
    callback.addConstructorArgValue(ParsingUtils.getObjectFactoryBeanDefinition(getAuditingHandlerBeanName(), registry));
    registerInfrastructureBeanWithId(callback.getBeanDefinition(), AuditingBeforeSaveCallback.class.getName(), registry);
  }
}
