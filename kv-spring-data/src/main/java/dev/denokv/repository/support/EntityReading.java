package dev.denokv.repository.support;

import dev.denokv.value.ValueCodec;
import dev.denokv.value.codec.DenoValueCodec;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * How entities are read back. An entity is stored as a JS object whose properties carry their Java
 * names (its nested values are converted by the application's codec, naming strategy included),
 * so the entity class itself is read with its Java property names, whatever naming strategy the
 * codec's mapper applies elsewhere.
 */
final class EntityReading {

  private EntityReading() {}

  /** The codec that reads {@code entityType} as stored; {@code codec} itself for other codecs. */
  static ValueCodec codec(ValueCodec codec, Class<?> entityType) {
    if (!(codec instanceof DenoValueCodec deno)) {
      return codec;
    }
    return new DenoValueCodec(deno.mapper().rebuild().addMixIn(entityType, JavaNames.class).build());
  }

  /** Names every property as its Java name. */
  @JsonNaming(JavaNames.Identity.class)
  private abstract static class JavaNames {
    static final class Identity extends PropertyNamingStrategy {
      private static final long serialVersionUID = 1L;
    }
  }
}
