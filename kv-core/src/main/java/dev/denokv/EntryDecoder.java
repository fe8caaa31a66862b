package dev.denokv;

import dev.denokv.error.KvException;
import dev.denokv.key.KvKey;
import dev.denokv.spi.RawEntry;
import dev.denokv.value.ValueCodec;
import java.util.function.Function;

/** Turns raw entries into typed entries. */
final class EntryDecoder {

  private final ValueCodec codec;
  private final Function<KvException, RuntimeException> translator;

  EntryDecoder(ValueCodec codec, Function<KvException, RuntimeException> translator) {
    this.codec = codec;
    this.translator = translator;
  }

  <T> KvEntry<T> decode(RawEntry raw, Class<T> type) {
    try {
      return new KvEntry<>(KvKey.decode(raw.key()), codec.decode(raw.value(), type), raw.versionstamp());
    } catch (KvException e) {
      throw translator.apply(e);
    }
  }

  <T> KvEntry<T> decode(KvKey key, RawEntry raw, Class<T> type) {
    try {
      return new KvEntry<>(key, codec.decode(raw.value(), type), raw.versionstamp());
    } catch (KvException e) {
      throw translator.apply(e);
    }
  }
}
