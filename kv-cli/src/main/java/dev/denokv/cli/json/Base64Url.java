package dev.denokv.cli.json;

import dev.denokv.error.KvInvalidArgumentException;
import java.util.Base64;

/** The base64url alphabet without padding, as {@code @deno/kv-utils} writes bytes. */
final class Base64Url {

  private Base64Url() {}

  static String encode(byte[] data) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
  }

  static byte[] decode(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new KvInvalidArgumentException("bad base64url data: " + e.getMessage());
    }
  }
}
