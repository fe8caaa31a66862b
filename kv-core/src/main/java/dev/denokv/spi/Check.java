package dev.denokv.spi;

import dev.denokv.Versionstamp;
import org.jspecify.annotations.Nullable;

/**
 * Passes when the entry at {@code key} currently has {@code versionstamp}; a null versionstamp
 * means the entry must not exist.
 */
public record Check(byte[] key, @Nullable Versionstamp versionstamp) {}
