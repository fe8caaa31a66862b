package dev.denokv.key;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Deno's key order written from its definition over parts, independently of the encoding:
 * bytes &lt; string &lt; bigint &lt; number &lt; false &lt; true; bytes unsigned-lexicographic,
 * strings by code point, numbers as negative NaN &lt; -Infinity &lt; ... &lt; -0 &lt; 0 &lt; ...
 * &lt; Infinity &lt; NaN; a key before its extensions.
 */
final class SemanticOrder implements Comparator<KvKey> {

  static final SemanticOrder INSTANCE = new SemanticOrder();

  @Override
  public int compare(KvKey a, KvKey b) {
    List<Object> x = a.parts();
    List<Object> y = b.parts();
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = comparePart(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  }

  static int comparePart(Object a, Object b) {
    int rank = Integer.compare(rank(a), rank(b));
    if (rank != 0) {
      return rank;
    }
    if (a instanceof byte[] x) {
      return Arrays.compareUnsigned(x, (byte[]) b);
    }
    if (a instanceof String x) {
      return Arrays.compare(x.codePoints().toArray(), ((String) b).codePoints().toArray());
    }
    if (a instanceof BigInteger x) {
      return x.compareTo((BigInteger) b);
    }
    if (a instanceof Double x) {
      return compareNumbers(x, (Double) b);
    }
    return 0;
  }

  private static int compareNumbers(double a, double b) {
    int classA = numberClass(a);
    int classB = numberClass(b);
    if (classA != classB) {
      return Integer.compare(classA, classB);
    }
    if (classA != 1) {
      return 0;
    }
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    // Equal magnitudes: only 0 and -0 differ, by sign.
    return Boolean.compare(!isNegativeZero(a), !isNegativeZero(b));
  }

  /** 0: NaN with the sign bit set, 1: an ordinary number or infinity, 2: NaN. */
  private static int numberClass(double d) {
    if (!Double.isNaN(d)) {
      return 1;
    }
    return Double.doubleToRawLongBits(d) < 0 ? 0 : 2;
  }

  private static boolean isNegativeZero(double d) {
    return d == 0 && 1 / d < 0;
  }

  private static int rank(Object part) {
    if (part instanceof byte[]) {
      return 0;
    }
    if (part instanceof String) {
      return 1;
    }
    if (part instanceof BigInteger) {
      return 2;
    }
    if (part instanceof Double) {
      return 3;
    }
    return Boolean.TRUE.equals(part) ? 5 : 4;
  }
}
