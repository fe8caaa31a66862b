package dev.denokv.repository.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called by a Deno KV repository for every entity it is about to save, before its id is generated
 * and before it is converted to the stored JS object. Beans implementing it take part in every
 * save; auditing is one of them.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeSaveCallback<T> extends EntityCallback<T> {

  /** The entity to save: {@code entity} itself, changed or not, or a copy of it. */
  T onBeforeSave(T entity);
}
