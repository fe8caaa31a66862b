package dev.denokv.repository.support;

import dev.denokv.repository.KvRepository;
import dev.denokv.repository.mapping.KvPersistentProperty;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.support.PageableExecutionUtils;

/** The implementation behind every {@link KvRepository}; see there for order, paging and batches. */
public class SimpleKvRepository<T, ID> implements KvRepository<T, ID> {

  private final KvEntityStore<T> store;

  /** A repository over {@code store}. */
  public SimpleKvRepository(KvEntityStore<T> store) {
    this.store = store;
  }

  @Override
  public <S extends T> S save(S entity) {
    return saveAll(List.of(entity)).get(0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends T> List<S> saveAll(Iterable<S> entities) {
    List<T> list = new ArrayList<>();
    entities.forEach(list::add);
    return (List<S>) store.saveAll(list);
  }

  @Override
  public Optional<T> findById(ID id) {
    return store.findById(id);
  }

  @Override
  public boolean existsById(ID id) {
    return store.existsById(id);
  }

  @Override
  public List<T> findAll() {
    try (Stream<T> all = store.streamAll(false)) {
      return all.toList();
    }
  }

  @Override
  public List<T> findAllById(Iterable<ID> ids) {
    return store.findAllById(ids);
  }

  @Override
  public long count() {
    return store.count();
  }

  @Override
  public void deleteById(ID id) {
    store.deleteById(id);
  }

  @Override
  public void delete(T entity) {
    store.deleteAll(List.of(entity));
  }

  @Override
  public void deleteAllById(Iterable<? extends ID> ids) {
    store.deleteAllById(ids);
  }

  @Override
  public void deleteAll(Iterable<? extends T> entities) {
    store.deleteAll(entities);
  }

  @Override
  public void deleteAll() {
    store.deleteAll();
  }

  @Override
  public List<T> findAll(Sort sort) {
    try (Stream<T> all = store.streamAll(isReverse(sort))) {
      return all.toList();
    }
  }

  @Override
  public Page<T> findAll(Pageable pageable) {
    if (pageable.isUnpaged()) {
      return PageableExecutionUtils.getPage(findAll(pageable.getSort()), pageable, this::count);
    }
    List<T> content = store.findRange(pageable.getOffset(), pageable.getPageSize(), isReverse(pageable.getSort()));
    return PageableExecutionUtils.getPage(content, pageable, this::count);
  }

  @Override
  public Window<T> findAll(ScrollPosition position, Limit limit) {
    return store.scrollAll(position, limit);
  }

  private boolean isReverse(Sort sort) {
    Iterator<Sort.Order> orders = sort.iterator();
    if (!orders.hasNext()) {
      return false;
    }
    Sort.Order order = orders.next();
    KvPersistentProperty id = store.entity().getRequiredIdProperty();
    if (!order.getProperty().equals(id.getName()) || orders.hasNext() || order.isIgnoreCase()) {
      throw new InvalidDataAccessApiUsageException("Deno KV lists " + store.entity().getName()
          + " entities in key order only: sort by '" + id.getName() + "' (ascending or descending), not by " + sort);
    }
    return order.isDescending();
  }
}
