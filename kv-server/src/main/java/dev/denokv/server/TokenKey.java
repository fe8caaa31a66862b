package dev.denokv.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 key that signs data-path tokens. It is derived from the database's own random
 * secret ({@link TokenSecretStore}), the configured access tokens (in any order) and the database
 * id, so it is the same on every instance with the same secret and configuration, differs between
 * databases, and changes whenever the access tokens do. Without the secret, a token tells nothing
 * about the access tokens. The key never appears in {@link #toString()} or in exception messages.
 */
final class TokenKey {

  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] LABEL = "dev.denokv.server data-path token key v2".getBytes(StandardCharsets.US_ASCII);

  /** One initialized {@link Mac} per thread: every data-path request checks a token. */
  private final ThreadLocal<Mac> macs;

  private TokenKey(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
    this.macs = ThreadLocal.withInitial(() -> newMac(spec));
  }

  /**
   * HMAC-SHA256 keyed by {@code secret}, over a fixed label, the database id and the SHA-256 of
   * the distinct access tokens (sorted, each length-prefixed).
   */
  static TokenKey derive(byte[] secret, List<String> accessTokens, UUID databaseId) {
    MessageDigest digest = sha256();
    for (String token : new TreeSet<>(accessTokens)) {
      byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      digest.update(bytes);
    }
    byte[] tokens = digest.digest();
    byte[] context =
        ByteBuffer.allocate(LABEL.length + 2 * Long.BYTES + tokens.length)
            .put(LABEL)
            .putLong(databaseId.getMostSignificantBits())
            .putLong(databaseId.getLeastSignificantBits())
            .put(tokens)
            .array();
    return new TokenKey(new TokenKey(secret).mac(context));
  }

  /** The HMAC-SHA256 of {@code data} under this key. */
  byte[] mac(byte[] data) {
    return macs.get().doFinal(data); // doFinal leaves the Mac reset for the next call
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "TokenKey[HmacSHA256]";
  }
}
