package dev.denokv.repository.transaction;

import java.util.Arrays;

/** An encoded key with value equality and Deno's order (unsigned bytes). */
record ByteKey(byte[] bytes) implements Comparable<ByteKey> {

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(ByteKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return dev.denokv.key.KvKey.decode(bytes).toString();
  }
}
