package dev.denokv.spi;

/**
 * Up to {@code limit} entries whose encoded keys lie in [{@code start}, {@code end}), in key order
 * or, when {@code reverse}, in reverse key order.
 */
public record ReadRange(byte[] start, byte[] end, int limit, boolean reverse) {}
