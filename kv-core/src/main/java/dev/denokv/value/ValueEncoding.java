package dev.denokv.value;

import dev.denokv.error.KvCodecException;

/** How a stored value's bytes are to be read; the codes are Deno's {@code v_encoding} numbers. */
public enum ValueEncoding {
  /** V8 ValueSerializer bytes (any JS value). */
  V8(1),
  /** Eight bytes, unsigned 64-bit little-endian ({@code Deno.KvU64}). */
  LE64(2),
  /** Raw bytes (a top-level {@code Uint8Array}). */
  BYTES(3);

  private final int code;

  ValueEncoding(int code) {
    this.code = code;
  }

  /** Deno's numeric code for this encoding (SQLite {@code v_encoding}, KV Connect enum). */
  public int code() {
    return code;
  }

  /** The encoding with Deno's numeric code {@code code}. */
  public static ValueEncoding ofCode(int code) {
    return switch (code) {
      case 1 -> V8;
      case 2 -> LE64;
      case 3 -> BYTES;
      default -> throw new KvCodecException("Unknown value encoding: " + code);
    };
  }
}
