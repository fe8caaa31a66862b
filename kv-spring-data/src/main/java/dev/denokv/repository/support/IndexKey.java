package dev.denokv.repository.support;

import dev.denokv.key.KvKey;
import dev.denokv.repository.mapping.KvPersistentProperty;

/**
 * One index key of one entity.
 *
 * @param key the key: {@code [indexPrefix, value, id]}, or {@code [indexPrefix, value]} if unique
 * @param property the indexed property
 * @param value the property value as a key part
 */
record IndexKey(KvKey key, KvPersistentProperty property, Object value) {

  boolean unique() {
    return property.isUniqueIndexed();
  }
}
