package dev.denokv.value.jackson;

import dev.denokv.value.v8.internal.V8Output;
import java.util.Arrays;

/**
 * Keeps V8's two-byte-string alignment right when the generator moves bytes it already wrote (to
 * insert an array length it learnt late, or to put integer-index keys first).
 *
 * <p>V8 pads a two-byte string so that its UTF-16 payload starts at an even offset. Every such
 * string written while a container is open is recorded as a "slot" (its position and whether a
 * padding byte was written). When a chunk of bytes moves by an odd distance, toggling the padding of
 * the first slot in the chunk restores the alignment of that string and, since the rest of the chunk
 * then moved by an even distance, of every later one.
 */
final class TwoByteSlots {

  /** {@code position << 1 | padded}, ascending by position. */
  private int[] slots = new int[8];
  private int size;

  void clear() {
    size = 0;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Records the string just written at {@code start} if it was a two-byte string. */
  void recordIfTwoByte(V8Output out, int start) {
    byte first = out.byteAt(start);
    if (first == 0) {
      add(start, true);
    } else if (first == 'c') {
      add(start, false);
    }
  }

  private void add(int position, boolean padded) {
    if (size == slots.length) {
      slots = Arrays.copyOf(slots, size * 2);
    }
    slots[size++] = position << 1 | (padded ? 1 : 0);
  }

  /** Index of the first slot at or after {@code position}. */
  private int firstAtOrAfter(int position) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((slots[mid] >>> 1) < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Rewrites the output from {@code regionStart} to its end: writes {@code prefix}, then the given
   * chunks of the old bytes in the given order ({@code chunks[2i]} to {@code chunks[2i+1]}, all within
   * the region), fixing two-byte-string padding where a chunk moved by an odd distance.
   */
  void rewrite(V8Output out, int regionStart, byte[] prefix, int[] chunks, int chunkCount) {
    int regionEnd = out.position();
    byte[] old = out.copyOfRange(regionStart, regionEnd);
    int firstSlot = firstAtOrAfter(regionStart);
    int[] oldSlots = Arrays.copyOfRange(slots, firstSlot, size);
    size = firstSlot;
    out.truncate(regionStart);
    out.writeBytes(prefix, 0, prefix.length);
    for (int c = 0; c < chunkCount; c++) {
      int from = chunks[2 * c];
      int to = chunks[2 * c + 1];
      int shift = out.position() - from;
      int cursor = from;
      boolean toggle = (shift & 1) != 0;
      int delta = shift;
      for (int s : oldSlots) {
        int slotPos = s >>> 1;
        if (slotPos < from || slotPos >= to) {
          continue;
        }
        boolean padded = (s & 1) != 0;
        if (toggle) {
          out.writeBytes(old, cursor - regionStart, slotPos - cursor);
          cursor = slotPos;
          if (padded) {
            cursor++;
            add(out.position(), false);
            delta = shift - 1;
          } else {
            add(out.position(), true);
            out.writeByte(0);
            delta = shift + 1;
          }
          toggle = false;
        } else {
          add(slotPos + delta, padded);
        }
      }
      out.writeBytes(old, cursor - regionStart, to - cursor);
    }
  }
}
