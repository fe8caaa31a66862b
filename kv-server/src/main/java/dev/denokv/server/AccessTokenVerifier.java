package dev.denokv.server;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks presented access tokens against the configured ones in constant time: every configured
 * token is compared, over fixed-length digests, so neither the position of a match nor the
 * length of a token leaks through timing.
 */
final class AccessTokenVerifier {

  private final List<byte[]> digests;

  AccessTokenVerifier(List<String> accessTokens) {
    this.digests = accessTokens.stream().map(TokenDigests::digest).toList();
  }

  boolean isValid(String presented) {
    byte[] candidate = TokenDigests.digest(presented);
    boolean valid = false;
    for (byte[] digest : digests) {
      valid |= MessageDigest.isEqual(digest, candidate);
    }
    return valid;
  }
}
