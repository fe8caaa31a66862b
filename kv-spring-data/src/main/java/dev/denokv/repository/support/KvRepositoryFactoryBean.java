package dev.denokv.repository.support;

import dev.denokv.KvTemplate;
import dev.denokv.repository.mapping.KvMappingContext;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

/**
 * The Spring factory bean of one Deno KV repository: needs a {@link KvTemplate}
 * ({@code kvTemplate} property) and uses the {@code kvMappingContext} property when set.
 */
public class KvRepositoryFactoryBean<T extends Repository<S, ID>, S, ID> extends RepositoryFactoryBeanSupport<T, S, ID> {

  private @Nullable KvTemplate kvTemplate;
  private @Nullable KvMappingContext kvMappingContext;

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
  protected RepositoryFactorySupport createRepositoryFactory() {
    Assert.state(kvTemplate != null && kvMappingContext != null, "A KvTemplate is required");
    return new KvRepositoryFactory(kvTemplate, kvMappingContext);
  }
}
