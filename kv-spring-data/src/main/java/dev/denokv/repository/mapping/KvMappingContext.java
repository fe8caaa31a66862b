package dev.denokv.repository.mapping;

import dev.denokv.Versionstamp;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/** The mapping context of Deno KV entities. Thread-safe once initialized. */
public class KvMappingContext extends AbstractMappingContext<KvPersistentEntity<?>, KvPersistentProperty> {

  /** A context that discovers entity types as repositories ask for them. */
  public KvMappingContext() {
    setSimpleTypeHolder(new SimpleTypeHolder(Set.of(Versionstamp.class, UUID.class, BigInteger.class), true));
  }

  @Override
  protected <T> KvPersistentEntity<?> createPersistentEntity(TypeInformation<T> typeInformation) {
    return new KvPersistentEntity<>(typeInformation);
  }

  @Override
  protected KvPersistentProperty createPersistentProperty(Property property, KvPersistentEntity<?> owner,
      SimpleTypeHolder simpleTypeHolder) {
    return new KvPersistentProperty(property, owner, simpleTypeHolder);
  }
}
