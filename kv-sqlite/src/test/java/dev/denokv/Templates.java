package dev.denokv;

import dev.denokv.sqlite.SqliteDatabase;

/** Templates over fresh in-memory SQLite databases for tests. */
final class Templates {

  private Templates() {}

  static KvTemplate inMemory() {
    return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(dev.denokv.value.codec.DenoValueCodec.defaults()).build();
  }
}
