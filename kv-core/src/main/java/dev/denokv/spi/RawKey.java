package dev.denokv.spi;

import dev.denokv.Versionstamp;

/** A stored entry without its value: encoded key and the versionstamp of the write that set it. */
public record RawKey(byte[] key, Versionstamp versionstamp) {}
