package dev.denokv;

import dev.denokv.key.KvKey;
import dev.denokv.spi.RawEntry;
import dev.denokv.value.ValueCodec;
import java.time.Instant;
import java.util.function.Function;

/** Turns raw entries into typed entries. */
final class EntryDecoder {

  private final ValueCodec codec;

  private final Function<dev.denokv.error.KvException, RuntimeException> translator;

  EntryDecoder(ValueCodec codec, Function<dev.denokv.error.KvException, RuntimeException> translator) {
    this.codec = codec;
    this.translator = translator;
  }

  <T> KvEntry<T> decode(RawEntry raw, Class<T> type) {
    return decode(KvKey.decode(raw.key()), raw, type);
  }

  <T> KvEntry<T> decode(KvKey key, RawEntry raw, Class<T> type) {
    try {
      return new KvEntry<>(key, codec.decode(raw.value(), type), raw.versionstamp(),
          raw.expireAtMs() > 0 ? Instant.ofEpochMilli(raw.expireAtMs()) : null);
    } catch (dev.denokv.error.KvException e) {
      throw translator.apply(e);
    }
  }
}
