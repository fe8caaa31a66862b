package dev.denokv.spi;

import org.jspecify.annotations.Nullable;

/**
 * One watched key in a watch emission: whether it changed since the previous emission and, if it
 * did, its current entry (null when the key does not exist).
 */
public record WatchKeyOutput(boolean changed, @Nullable RawEntry entry) {}
