package dev.denokv.repository.support;

import dev.denokv.repository.mapping.KvPersistentEntity;
import org.springframework.data.repository.core.support.PersistentEntityInformation;

/**
 * Entity information of a Deno KV entity. An entity is new when its version is null (if it has a
 * {@code @Version} property) or else when its id is null.
 */
public class KvEntityInformation<T, ID> extends PersistentEntityInformation<T, ID> {

  /** The information of {@code entity}. */
  public KvEntityInformation(KvPersistentEntity<T> entity) {
    super(entity);
  }
}
