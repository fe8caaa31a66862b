package dev.denokv.repository;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * A Spring Data repository of entities stored in Deno KV at {@code [prefix, id]}.
 *
 * <p><b>Order.</b> Entities are listed in Deno's key order of their ids, which for string ids is
 * code point order and for numeric ids is numeric order. {@link #findAll(Sort)} and
 * {@link #findAll(Pageable)} accept only an unsorted {@link Sort} or one on the id property
 * (ascending or descending); sorting on any other property would mean loading every entity and
 * is rejected with an {@link org.springframework.dao.InvalidDataAccessApiUsageException}.
 *
 * <p><b>Paging.</b> Deno KV has cursors, not offsets. {@link #findAll(ScrollPosition, Limit)}
 * scrolls with {@link org.springframework.data.domain.KeysetScrollPosition}s whose single key
 * {@value #CURSOR} holds Deno's list cursor; its cost does not grow with the position.
 * {@link #findAll(Pageable)} is there because Spring Data requires it: it reads and skips the
 * {@code offset} entities before the page, and its total counts the keys of the type.
 *
 * <p><b>Batches.</b> {@code saveAll} and {@code deleteAll…} split their work into atomic
 * operations within the backend's limits ({@code Database#limits()}: mutations, checks, total key
 * and value sizes): each batch is atomic, the whole call is not.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
@NoRepositoryBean
public interface KvRepository<T, ID> extends ListCrudRepository<T, ID>, ListPagingAndSortingRepository<T, ID> {

  /** The key of the Deno list cursor in the keyset scroll positions of this repository. */
  String CURSOR = "cursor";

  /**
   * The entities after {@code position} in key order ({@code ScrollPosition.keyset()} starts at the
   * first), at most {@code limit} of them (an unlimited {@code Limit} reads to the end). Scrolling
   * backward from a position returns the entities before it, still in ascending key order.
   */
  Window<T> findAll(ScrollPosition position, Limit limit);
}
