package dev.denokv.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The short-lived tokens the metadata exchange hands out for the data path. A token is
 * self-contained and keeps no server state: {@code v1.<payload>.<mac>}, where the payload
 * (base64url) holds the expiry in epoch milliseconds and 16 random bytes, and the mac (base64url)
 * is an HMAC-SHA256 of {@code v1.<payload>} under a {@link TokenKey key} derived from the
 * database's secret, the access tokens and the database id. Every instance serving the same
 * database with the same secret and access tokens therefore accepts the tokens of every other, also
 * across restarts; changing the access tokens (or the secret) revokes the outstanding ones.
 */
final class DataPathTokens {

  /** A token handed out, valid until {@code expiresAt}. */
  record Issued(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Issued[expiresAt=" + expiresAt + "]";
    }
  }

  private static final String VERSION = "v1";
  private static final String PREFIX = VERSION + ".";
  private static final int RANDOM_BYTES = 16;
  private static final int PAYLOAD_BYTES = Long.BYTES + RANDOM_BYTES;
  private static final int MAC_BYTES = 32;
  /** How far a token's expiry may lie beyond {@code now + ttl}: clock skew between instances. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  /** The longest well-formed token: prefix, payload, dot, mac. */
  private static final int MAX_LENGTH =
      PREFIX.length() + ENCODER.encodeToString(new byte[PAYLOAD_BYTES]).length() + 1
          + ENCODER.encodeToString(new byte[MAC_BYTES]).length();

  private final SecureRandom random = new SecureRandom();
  private final TokenKey key;
  private final Clock clock;
  private final Duration ttl;

  DataPathTokens(byte[] secret, List<String> accessTokens, UUID databaseId, Clock clock, Duration ttl) {
    this.key = TokenKey.derive(secret, accessTokens, databaseId);
    this.clock = clock;
    this.ttl = ttl;
  }

  Issued issue() {
    Instant expiresAt = Instant.ofEpochMilli(clock.instant().plus(ttl).toEpochMilli());
    byte[] nonce = new byte[RANDOM_BYTES];
    random.nextBytes(nonce);
    byte[] payload =
        ByteBuffer.allocate(PAYLOAD_BYTES).putLong(expiresAt.toEpochMilli()).put(nonce).array();
    String signed = PREFIX + ENCODER.encodeToString(payload);
    return new Issued(signed + "." + mac(signed), expiresAt);
  }

  /** Whether {@code presented} was issued under this key and has not expired. */
  boolean isValid(String presented) {
    if (presented.length() > MAX_LENGTH || !presented.startsWith(PREFIX)) {
      return false;
    }
    int dot = presented.lastIndexOf('.');
    if (dot < PREFIX.length()) {
      return false;
    }
    String signed = presented.substring(0, dot);
    if (!MessageDigest.isEqual(ascii(mac(signed)), ascii(presented.substring(dot + 1)))) {
      return false;
    }
    byte[] payload = decode(presented.substring(PREFIX.length(), dot));
    if (payload == null || payload.length != PAYLOAD_BYTES) {
      return false;
    }
    Instant expiresAt = Instant.ofEpochMilli(ByteBuffer.wrap(payload).getLong());
    Instant now = clock.instant();
    return now.isBefore(expiresAt) && !expiresAt.isAfter(now.plus(ttl).plus(CLOCK_SKEW));
  }

  /** The base64url mac of {@code signed}; compared as text, so that every token has one spelling. */
  private String mac(String signed) {
    return ENCODER.encodeToString(key.mac(ascii(signed)));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte @Nullable [] decode(String base64url) {
    try {
      return DECODER.decode(base64url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "DataPathTokens[ttl=" + ttl + "]";
  }
}
