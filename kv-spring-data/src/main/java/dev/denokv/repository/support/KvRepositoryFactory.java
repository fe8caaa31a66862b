package dev.denokv.repository.support;

import dev.denokv.KvTemplate;
import dev.denokv.repository.mapping.KvMappingContext;
import dev.denokv.repository.mapping.KvPersistentEntity;
import dev.denokv.repository.query.KvQueryLookupStrategy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;

/** Creates {@link dev.denokv.repository.KvRepository} instances over a {@link KvTemplate}. */
public class KvRepositoryFactory extends RepositoryFactorySupport {

  private final KvTemplate template;
  private final KvMappingContext mappingContext;
  private final Map<Class<?>, KvEntityStore<?>> stores = new ConcurrentHashMap<>();

  /** A factory over {@code template}, mapping entities with {@code mappingContext}. */
  public KvRepositoryFactory(KvTemplate template, KvMappingContext mappingContext) {
    this.template = template;
    this.mappingContext = mappingContext;
  }

  /** A factory over {@code template} with its own mapping context. */
  public KvRepositoryFactory(KvTemplate template) {
    this(template, new KvMappingContext());
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
    return Optional.of(new KvQueryLookupStrategy(this::store));
  }

  /** The store of {@code type}'s entities, shared by every repository of the type. */
  public KvEntityStore<?> store(Class<?> type) {
    return stores.computeIfAbsent(type, t -> new KvEntityStore<>(template, persistentEntity(t)));
  }

  private KvPersistentEntity<?> persistentEntity(Class<?> type) {
    KvPersistentEntity<?> entity = mappingContext.getRequiredPersistentEntity(type);
    entity.verifyRepositoryEntity();
    return entity;
  }
}
