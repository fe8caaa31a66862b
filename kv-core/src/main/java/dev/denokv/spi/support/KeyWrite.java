package dev.denokv.spi.support;

import dev.denokv.Versionstamp;

/**
 * A key written (set or deleted) by the commit with {@code versionstamp}.
 *
 * @param key the key as stored
 * @param versionstamp the versionstamp of the commit that wrote it
 */
public record KeyWrite(byte[] key, Versionstamp versionstamp) {}
