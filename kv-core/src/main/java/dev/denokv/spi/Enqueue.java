package dev.denokv.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A queue message to store with an atomic write.
 *
 * @param payload the V8-encoded message
 * @param deadlineMs epoch milliseconds at which the message becomes due
 * @param keysIfUndelivered encoded keys the payload is written to if every delivery fails
 * @param backoffSchedule retry delays in milliseconds, or null for the backend's default
 */
public record Enqueue(
    byte[] payload,
    long deadlineMs,
    List<byte[]> keysIfUndelivered,
    @Nullable List<Integer> backoffSchedule) {}
