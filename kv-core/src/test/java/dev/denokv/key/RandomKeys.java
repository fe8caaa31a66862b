package dev.denokv.key;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random key parts and keys, biased towards the edges of the encoding: NUL bytes and
 * characters, surrogate pairs, bigint length boundaries, signed zeros, infinities and NaN.
 */
final class RandomKeys {

  private static final double[] SPECIAL_NUMBERS = {0.0, -0.0, 1, -1, 0.5, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
      0x1p53, -0x1p53, Double.MIN_NORMAL};

  private final SplittableRandom random;
  private final boolean negativeNaN;

  /** A generator; {@code negativeNaN} also produces NaNs with the sign bit set. */
  RandomKeys(long seed, boolean negativeNaN) {
    this.random = new SplittableRandom(seed);
    this.negativeNaN = negativeNaN;
  }

  /** A key of 1 to 4 parts, or a non-empty key that shares a prefix with one of {@code previous}. */
  KvKey key(List<KvKey> previous) {
    if (!previous.isEmpty() && random.nextInt(3) == 0) {
      KvKey base = previous.get(random.nextInt(previous.size()));
      int keep = random.nextInt(base.size() + 1);
      List<Object> parts = new ArrayList<>(base.parts().subList(0, keep));
      int more = random.nextInt(keep == 0 ? 1 : 0, 3);
      for (int i = 0; i < more; i++) {
        parts.add(part());
      }
      return KvKey.of(parts);
    }
    int size = 1 + random.nextInt(4);
    Object[] parts = new Object[size];
    for (int i = 0; i < size; i++) {
      parts[i] = part();
    }
    return KvKey.of(parts);
  }

  List<KvKey> keys(int count) {
    List<KvKey> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(key(keys));
    }
    return keys;
  }

  /** A raw (not yet normalized) key part. */
  Object part() {
    return switch (random.nextInt(6)) {
      case 0 -> bytes();
      case 1 -> string();
      case 2 -> bigint();
      case 3 -> number();
      case 4 -> random.nextInt(3) == 0 ? (Object) (long) random.nextInt(-1000, 1000) : number();
      default -> random.nextBoolean();
    };
  }

  byte[] bytes() {
    byte[] bytes = new byte[random.nextInt(6)];
    for (int i = 0; i < bytes.length; i++) {
      int kind = random.nextInt(4);
      bytes[i] = (byte) (kind == 0 ? 0 : kind == 1 ? 0xFF : random.nextInt(256));
    }
    return bytes;
  }

  String string() {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(8)) {
        case 0 -> sb.append('\0');
        case 1 -> sb.append((char) random.nextInt(1, 0x80));
        case 2 -> sb.append((char) random.nextInt(0x80, 0x800));
        case 3 -> sb.append((char) random.nextInt(0x800, 0xD800));
        case 4 -> sb.append((char) random.nextInt(0xE000, 0x10000));
        case 5 -> sb.appendCodePoint(random.nextInt(0x10000, 0x110000));
        case 6 -> sb.append((char) random.nextInt(0xD800, 0xE000));
        default -> sb.append((char) random.nextInt('a', 'e'));
      }
    }
    return sb.toString();
  }

  BigInteger bigint() {
    int bits = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(9);
      case 1 -> 8 * random.nextInt(1, 12) + random.nextInt(-1, 2);
      case 2 -> random.nextInt(8 * 255 + 1);
      default -> 8 * 255;
    };
    BigInteger magnitude = random.nextInt(4) == 0
        ? BigInteger.ONE.shiftLeft(Math.max(bits, 1)).subtract(BigInteger.ONE)
        : new BigInteger(Math.max(bits, 0), new java.util.Random(random.nextLong()));
    return random.nextBoolean() ? magnitude : magnitude.negate();
  }

  double number() {
    return switch (random.nextInt(4)) {
      case 0 -> {
        double special = SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
        yield negativeNaN && Double.isNaN(special) && random.nextBoolean()
            ? Double.longBitsToDouble(0xfff8000000000000L) : special;
      }
      case 1 -> random.nextInt(-5, 6) / 2.0;
      case 2 -> {
        double d = Double.longBitsToDouble(random.nextLong());
        yield Double.isNaN(d) && !negativeNaN ? Double.NaN : d;
      }
      default -> random.nextDouble(-1e6, 1e6);
    };
  }
}
