package dev.denokv;

import dev.denokv.key.KvKey;
import dev.denokv.spi.RawEntry;
import dev.denokv.value.ValueCodec;
import java.time.Instant;

/** Turns raw entries into typed entries. */
final class EntryDecoder {

  private final ValueCodec codec;

  EntryDecoder(ValueCodec codec) {
    this.codec = codec;
  }

  <T> KvEntry<T> decode(RawEntry raw, Class<T> type) {
    return decode(KvKey.decode(raw.key()), raw, type);
  }

  <T> KvEntry<T> decode(KvKey key, RawEntry raw, Class<T> type) {
    return new KvEntry<>(key, codec.decode(raw.value(), type), raw.versionstamp(),
        raw.expireAtMs() > 0 ? Instant.ofEpochMilli(raw.expireAtMs()) : null);
  }
}
