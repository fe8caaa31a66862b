package dev.denokv.server;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.UUID;

final class DatabaseIds {

  private static final UUID NIL = new UUID(0, 0);

  private DatabaseIds() {}

  static UUID requireNotNil(UUID id) {
    if (NIL.equals(id)) {
      throw new KvInvalidArgumentException("The database id must not be the nil UUID");
    }
    return id;
  }
}
