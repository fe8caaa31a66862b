package dev.denokv.server;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The short-lived tokens the metadata exchange hands out for the data path. Tokens are random
 * (256 bits from {@link SecureRandom}); only their SHA-256 digests are kept, with their expiry.
 * Expired tokens are refused and pruned.
 */
final class DataPathTokens {

  /** A token handed out, valid until {@code expiresAt}. */
  record Issued(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAt + "]";
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<ByteBuffer, Instant> expiries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  DataPathTokens(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  Issued issue() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ttl);
    pruneExpired(now);
    expiries.put(ByteBuffer.wrap(TokenDigests.digest(token)), expiresAt);
    return new Issued(token, expiresAt);
  }

  boolean isValid(String presented) {
    ByteBuffer key = ByteBuffer.wrap(TokenDigests.digest(presented));
    Instant expiresAt = expiries.get(key);
    if (expiresAt == null) {
      return false;
    }
    if (!clock.instant().isBefore(expiresAt)) {
      expiries.remove(key, expiresAt);
      return false;
    }
    return true;
  }

  /** How many unexpired-or-unpruned tokens are held. */
  int size() {
    return expiries.size();
  }

  void pruneExpired(Instant now) {
    expiries.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
  }
}
