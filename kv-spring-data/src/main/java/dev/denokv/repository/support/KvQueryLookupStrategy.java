package dev.denokv.repository.support;

import dev.denokv.repository.mapping.KvMappingContext;
import java.lang.reflect.Method;
import java.util.function.Function;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

/** Turns every query method into a {@link KvPartTreeQuery} derived from its name. */
final class KvQueryLookupStrategy implements QueryLookupStrategy {

  private final Function<Class<?>, KvEntityStore<?>> stores;
  private final KvMappingContext mappingContext;

  /** A strategy finding the store of an entity type with {@code stores}. */
  KvQueryLookupStrategy(Function<Class<?>, KvEntityStore<?>> stores, KvMappingContext mappingContext) {
    this.stores = stores;
    this.mappingContext = mappingContext;
  }

  @Override
  public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
      NamedQueries namedQueries) {
    QueryMethod queryMethod = new QueryMethod(method, metadata, factory);
    return new KvPartTreeQuery(queryMethod, stores.apply(metadata.getDomainType()), mappingContext);
  }
}
