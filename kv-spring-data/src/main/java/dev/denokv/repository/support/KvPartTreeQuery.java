package dev.denokv.repository.support;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.repository.mapping.KvPersistentProperty;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import dev.denokv.repository.mapping.KvMappingContext;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Limit;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * A query derived from a method name over {@link dev.denokv.repository.Indexed} properties:
 * {@code find…By}, {@code exists…By}, {@code count…By} and {@code delete…By} with one or more
 * equality conditions joined by {@code And} (the first condition reads its index, the others
 * filter what it finds), optionally {@code First}/{@code Top}. Results are in id order. Methods
 * may return the entity, {@code Optional}, {@code List}, {@code Stream}, {@code Window} (with a
 * {@code ScrollPosition} and optionally a {@code Limit} parameter), {@code boolean}, a count, or,
 * for deletes, the deleted entities or their number. Entities are returned as they are or as
 * interface or DTO projections (also dynamic ones, with a {@code Class} parameter); a projection
 * naming a property the entity does not have fails when the repository is created. Anything else
 * fails when the repository is created, naming what is not supported.
 */
final class KvPartTreeQuery implements RepositoryQuery {

  private final QueryMethod method;
  private final KvEntityStore<Object> store;
  private final PartTree tree;
  private final List<KvPersistentProperty> properties = new ArrayList<>();
  private final KvMappingContext mappingContext;
  private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

  /** The query of {@code method} over {@code store}; DTO projections are mapped with {@code mappingContext}. */
  @SuppressWarnings("unchecked")
  KvPartTreeQuery(QueryMethod method, KvEntityStore<?> store, KvMappingContext mappingContext) {
    this.method = method;
    this.mappingContext = mappingContext;
    this.store = (KvEntityStore<Object>) store;
    String where = method.getEntityInformation().getJavaType().getSimpleName() + " query method " + method.getName();
    try {
      this.tree = new PartTree(method.getName(), method.getEntityInformation().getJavaType());
    } catch (RuntimeException e) {
      throw new MappingException(where + ": " + e.getMessage(), e);
    }
    Iterator<PartTree.OrPart> ors = tree.iterator();
    if (!ors.hasNext()) {
      throw new MappingException(where + " has no condition; Deno KV queries need an @Indexed property to look up");
    }
    PartTree.OrPart or = ors.next();
    if (ors.hasNext()) {
      throw new MappingException(where + " uses Or, which Deno KV queries do not support");
    }
    for (Part part : or) {
      String name = part.getProperty().toDotPath();
      if (part.getProperty().hasNext()) {
        throw new MappingException(where + " uses the nested property '" + name + "'; only top-level @Indexed properties can be queried");
      }
      KvPersistentProperty property = this.store.entity().getPersistentProperty(name);
      if (property == null || !property.isIndexed()) {
        throw new MappingException(where + " uses property '" + name + "' of "
            + this.store.entity().getName() + ", which is not @Indexed; Deno KV can only query indexed properties");
      }
      if (part.getType() != Part.Type.SIMPLE_PROPERTY || part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER) {
        throw new MappingException(where + " compares property '" + name + "' with " + part.getType()
            + "; Deno KV indexes support only exact equality");
      }
      properties.add(property);
    }
    if (tree.getSort().isSorted()) {
      throw new MappingException(where + " has OrderBy; Deno KV query results come in id order only");
    }
    if (method.isPageQuery() || method.isSliceQuery()) {
      throw new MappingException(where + " returns a Page or Slice; Deno KV has no offsets: return a Window and take a ScrollPosition");
    }
    if (method.getParameters().hasSortParameter() || method.getParameters().hasPageableParameter()) {
      throw new MappingException(where + " takes a Sort or Pageable; Deno KV query results come in id order, paged with a ScrollPosition");
    }
    if (method.isScrollQuery() && !method.getParameters().hasScrollPositionParameter()) {
      throw new MappingException(where + " returns a Window but takes no ScrollPosition");
    }
    if (method.isScrollQuery() && properties.size() > 1) {
      throw new MappingException(where + " returns a Window over several conditions; scroll over one @Indexed property");
    }
    if (!tree.isCountProjection() && !tree.isExistsProjection() && !tree.isDelete()) {
      verifyProjection(where, method.getResultProcessor().getReturnedType());
    }
  }

  /** Fails when the projection the method returns reads a property the entity does not have. */
  private void verifyProjection(String where, ReturnedType returned) {
    if (!returned.isProjecting()) {
      return;
    }
    for (String name : returned.getInputProperties()) {
      if (store.entity().getPersistentProperty(name) == null) {
        throw new MappingException(where + " returns the projection " + returned.getReturnedType().getName()
            + ", whose property '" + name + "' is not a property of " + store.entity().getName());
      }
    }
    if (returned.isDtoProjection() && returned.needsCustomConstruction() && returned.getInputProperties().isEmpty()) {
      throw new MappingException(where + " returns the DTO " + returned.getReturnedType().getName()
          + ", which has no constructor whose parameters name properties of " + store.entity().getName());
    }
  }

  @Override
  public QueryMethod getQueryMethod() {
    return method;
  }

  @Override
  public @Nullable Object execute(Object[] parameters) {
    ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
    Object result = query(accessor);
    if (tree.isCountProjection() || tree.isExistsProjection() || tree.isDelete() || result == null) {
      return result;
    }
    ResultProcessor processor = method.getResultProcessor().withDynamicProjection(accessor);
    ReturnedType returned = processor.getReturnedType();
    if (!returned.isProjecting()) {
      return result;
    }
    Converter<Object, Object> converter = returned.isDtoProjection()
        ? new DtoInstantiatingConverter(returned.getReturnedType(), mappingContext, INSTANTIATORS)
        : source -> source;
    if (result instanceof Window<?> window) {
      return window.map(e -> processor.processResult(e, converter));
    }
    return processor.processResult(result, converter);
  }

  private @Nullable Object query(ParametersParameterAccessor accessor) {
    List<Object> values = new ArrayList<>();
    Iterator<Object> bindable = accessor.iterator();
    for (int i = 0; i < properties.size(); i++) {
      Object value = bindable.next();
      if (value == null) {
        throw new KvInvalidArgumentException(method.getName() + ": null cannot be looked up; null values are not indexed");
      }
      values.add(value);
    }
    int max = maxResults(accessor.getLimit());
    if (method.isScrollQuery()) {
      ScrollPosition position = accessor.getScrollPosition();
      return store.scrollByIndex(properties.get(0), values.get(0),
          position == null ? ScrollPosition.keyset() : position, max == Integer.MAX_VALUE ? Limit.unlimited() : Limit.of(max));
    }
    if (tree.isCountProjection() && properties.size() == 1) {
      return store.countByIndex(properties.get(0), values.get(0), max);
    }
    if (tree.isExistsProjection() && properties.size() == 1) {
      return store.countByIndex(properties.get(0), values.get(0), 1) > 0;
    }
    List<Object> found = find(values, tree.isExistsProjection() ? 1 : max);
    if (tree.isCountProjection()) {
      return (long) found.size();
    }
    if (tree.isExistsProjection()) {
      return !found.isEmpty();
    }
    if (tree.isDelete()) {
      long deleted = store.deleteEntities(found);
      return method.isCollectionQuery() ? found : deleted;
    }
    if (method.isCollectionQuery() || method.isStreamQuery()) {
      return method.isStreamQuery() ? found.stream() : found;
    }
    if (found.size() > 1) {
      throw new IncorrectResultSizeDataAccessException(method.getName() + " found " + found.size() + " results", 1,
          found.size());
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private List<Object> find(List<Object> values, int max) {
    boolean filtered = properties.size() > 1;
    List<Object> candidates = store.findByIndex(properties.get(0), values.get(0), filtered ? Integer.MAX_VALUE : max);
    if (!filtered) {
      return candidates;
    }
    List<Object> out = new ArrayList<>();
    for (Object candidate : candidates) {
      if (store.matchesAll(candidate, properties.subList(1, properties.size()), values.subList(1, values.size()))) {
        out.add(candidate);
        if (out.size() == max) {
          break;
        }
      }
    }
    return out;
  }

  private int maxResults(Limit limit) {
    long max = Integer.MAX_VALUE;
    Integer fromName = tree.getMaxResults();
    if (fromName != null) {
      max = fromName;
    }
    if (limit != null && limit.isLimited()) {
      max = Math.min(max, limit.max());
    }
    return (int) max;
  }
}
