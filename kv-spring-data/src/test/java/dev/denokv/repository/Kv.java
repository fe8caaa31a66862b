package dev.denokv.repository;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.ListSelector;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.value.codec.DenoValueCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Templates over a fresh in-memory SQLite database, and a look at its raw keyspace. */
final class Kv {

  private Kv() {}

  static KvTemplate inMemory() {
    return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(DenoValueCodec.defaults()).build();
  }

  static KvTemplate inMemory(Clock clock) {
    return KvTemplate.builder(SqliteDatabase.inMemory()).valueCodec(DenoValueCodec.defaults()).clock(clock).build();
  }

  /** Every live key in the database, in key order, shown as Deno shows keys. */
  static List<String> keys(KvTemplate template) {
    List<String> keys = new ArrayList<>();
    for (KvEntry<Object> e : template.list(ListSelector.prefix(KvKey.EMPTY), Object.class)) {
      keys.add(e.key().toString());
    }
    return keys;
  }
}
