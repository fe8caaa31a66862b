package dev.denokv.repository.support;

import dev.denokv.KvTemplate;
import dev.denokv.repository.mapping.KvMappingContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.TransactionalRepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

/**
 * The Spring factory bean of one Deno KV repository: needs a {@link KvTemplate}
 * ({@code kvTemplate} property) and uses the {@code kvMappingContext} property when set. Every
 * {@link org.springframework.dao.support.PersistenceExceptionTranslator} bean translates what the
 * repository throws, {@code @Transactional} on the repository interface runs its methods in
 * transactions of the {@code transactionManager} bean, and entity callbacks (auditing) apply.
 */
public class KvRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends TransactionalRepositoryFactoryBeanSupport<T, S, ID> {

  private @Nullable KvTemplate kvTemplate;
  private @Nullable KvMappingContext kvMappingContext;
  private @Nullable EntityCallbacks entityCallbacks;

  /** A factory bean of repositories of {@code repositoryInterface}. */
  public KvRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
    super(repositoryInterface);
  }

  /** The template the repository reads and writes through. */
  public void setKvTemplate(KvTemplate kvTemplate) {
    this.kvTemplate = kvTemplate;
  }

  /** The mapping context (a new one when not set). */
  public void setKvMappingContext(KvMappingContext kvMappingContext) {
    this.kvMappingContext = kvMappingContext;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    super.setBeanFactory(beanFactory);
    this.entityCallbacks = EntityCallbacks.create(beanFactory);
  }

  @Override
  public void afterPropertiesSet() {
    Assert.state(kvTemplate != null, "A KvTemplate is required");
    if (kvMappingContext == null) {
      kvMappingContext = new KvMappingContext();
      kvMappingContext.initialize();
    }
    setMappingContext(kvMappingContext);
    super.afterPropertiesSet();
  }

  @Override
  protected RepositoryFactorySupport doCreateRepositoryFactory() {
    Assert.state(kvTemplate != null && kvMappingContext != null, "A KvTemplate is required");
    KvRepositoryFactory factory = new KvRepositoryFactory(kvTemplate, kvMappingContext);
    if (entityCallbacks != null) {
      factory.setEntityCallbacks(entityCallbacks);
    }
    return factory;
  }
}
