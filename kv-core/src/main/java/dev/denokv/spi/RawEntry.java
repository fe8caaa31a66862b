package dev.denokv.spi;

import dev.denokv.Versionstamp;
import dev.denokv.value.EncodedValue;
/** A stored entry: encoded key, encoded value and the versionstamp of the write that set it. */
public record RawEntry(byte[] key, EncodedValue value, Versionstamp versionstamp) {}
