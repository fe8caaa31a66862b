package dev.denokv.repository.support;

import dev.denokv.KvTemplate;
import dev.denokv.repository.mapping.KvMappingContext;
import dev.denokv.repository.mapping.KvPersistentEntity;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.denokv.repository.event.BeforeSaveCallback;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.repository.query.QueryByExampleExecutor;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryComposition;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;

/** Creates {@link dev.denokv.repository.KvRepository} instances over a {@link KvTemplate}. */
public class KvRepositoryFactory extends RepositoryFactorySupport {

  private final KvTemplate template;
  private final KvMappingContext mappingContext;
  private final Map<Class<?>, KvEntityStore<?>> stores = new ConcurrentHashMap<>();
  private @Nullable EntityCallbacks entityCallbacks;

  /** A factory over {@code template}, mapping entities with {@code mappingContext}. */
  public KvRepositoryFactory(KvTemplate template, KvMappingContext mappingContext) {
    this.template = template;
    this.mappingContext = mappingContext;
  }

  /** A factory over {@code template} with its own mapping context. */
  public KvRepositoryFactory(KvTemplate template) {
    this(template, new KvMappingContext());
  }

  /**
   * The callbacks invoked around writes, such as {@link BeforeSaveCallback}s (auditing); set it
   * before creating repositories.
   */
  public void setEntityCallbacks(EntityCallbacks entityCallbacks) {
    this.entityCallbacks = entityCallbacks;
  }

  @Override
  protected RepositoryComposition.RepositoryFragments getRepositoryFragments(RepositoryMetadata metadata) {
    refuseQueryByExample(metadata);
    return super.getRepositoryFragments(metadata);
  }

  private static void refuseQueryByExample(RepositoryMetadata metadata) {
    if (QueryByExampleExecutor.class.isAssignableFrom(metadata.getRepositoryInterface())) {
      throw new MappingException(metadata.getRepositoryInterface().getName() + " extends QueryByExampleExecutor, "
          + "which Deno KV repositories do not support: Deno KV finds entities through the index keys of their "
          + "@Indexed properties only, never by scanning values. Declare derived queries on @Indexed properties "
          + "(findByEmail(String), findByStatusAndCity(Status, String)) instead.");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
    return new KvEntityInformation<>((KvPersistentEntity<Object>) persistentEntity(metadata.getDomainType()));
  }

  @Override
  protected Object getTargetRepository(RepositoryInformation information) {
    return getTargetRepositoryViaReflection(information, store(information.getDomainType()));
  }

  @Override
  protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
    return SimpleKvRepository.class;
  }

  @Override
  protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.@Nullable Key key,
      ValueExpressionDelegate valueExpressionDelegate) {
    return Optional.of(new KvQueryLookupStrategy(this::store, mappingContext));
  }

  /** The store of {@code type}'s entities, shared by every repository of the type. */
  public KvEntityStore<?> store(Class<?> type) {
    return stores.computeIfAbsent(type, t -> {
      KvEntityStore<?> store = new KvEntityStore<>(template, persistentEntity(t));
      if (entityCallbacks != null) {
        EntityCallbacks callbacks = entityCallbacks;
        store.beforeSave(entity -> callbacks.callback(BeforeSaveCallback.class, entity));
      }
      return store;
    });
  }

  private KvPersistentEntity<?> persistentEntity(Class<?> type) {
    KvPersistentEntity<?> entity = mappingContext.getRequiredPersistentEntity(type);
    entity.verifyRepositoryEntity();
    return entity;
  }
}
