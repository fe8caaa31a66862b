package dev.denokv.value.jackson;

import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Tags;
import java.util.Arrays;

/**
 * Walks V8 values without decoding them: skips a value the parser does not expose, and builds the
 * table of object ids that back-references ({@code ^id}) point to. Each id records where its
 * object's encoding starts and ends in the input, so that a reference can be read by replaying
 * those bytes.
 */
final class V8Scanner {

  /** Where each object id's encoding lies, and whether it is an ArrayBuffer. */
  static final class IdTable {
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] buffers = new boolean[16];
    private int count;

    int count() {
      return count;
    }

    int start(int id) {
      return starts[id];
    }

    int end(int id) {
      return ends[id];
    }

    boolean isBuffer(int id) {
      return buffers[id];
    }

    private int add(int start, boolean buffer) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
        buffers = Arrays.copyOf(buffers, count * 2);
      }
      starts[count] = start;
      ends[count] = -1;
      buffers[count] = buffer;
      return count++;
    }
  }

  private final V8Input in;
  private final int version;
  private final int maxDepth;
  private IdTable ids;

  V8Scanner(byte[] data, int offset, int length, int version, int maxDepth) {
    this.in = new V8Input(data, offset, length);
    this.version = version;
    this.maxDepth = maxDepth;
  }

  /** Scans the root value at {@code position} and returns the id of every object in it. */
  IdTable scanIds(int position) {
    ids = new IdTable();
    try {
      in.position(position);
      value(0);
      return ids;
    } finally {
      ids = null;
    }
  }

  /** Skips the value (or property key) at {@code position} and returns the position after it. */
  int skip(int position, int depth) {
    in.position(position);
    value(depth);
    return in.position();
  }

  private int register(int start, boolean buffer) {
    return ids == null ? -1 : ids.add(start, buffer);
  }

  private void end(int id) {
    if (ids != null && id >= 0) {
      ids.ends[id] = in.position();
    }
  }

  private void value(int depth) {
    if (depth > maxDepth) {
      throw in.error("nesting depth exceeds " + maxDepth);
    }
    in.peekTag();
    int start = in.position();
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.VERIFY_OBJECT_COUNT -> {
        in.readVarint32();
        value(depth);
      }
      case V8Tags.UNDEFINED, V8Tags.NULL, V8Tags.TRUE, V8Tags.FALSE -> { }
      case V8Tags.INT32, V8Tags.UINT32 -> in.readVarint32();
      case V8Tags.DOUBLE -> in.readDouble();
      case V8Tags.BIGINT -> in.readBigIntPayload();
      case V8Tags.ONE_BYTE_STRING, V8Tags.UTF8_STRING -> skipBytes(in.readLength(1));
      case V8Tags.TWO_BYTE_STRING -> {
        int n = in.readLength(1);
        if ((n & 1) != 0) {
          throw in.error("odd two-byte string length " + n);
        }
        skipBytes(n);
      }
      case V8Tags.OBJECT_REFERENCE -> reference(start);
      case V8Tags.BEGIN_JS_OBJECT -> {
        int id = register(start, false);
        int pairs = properties(V8Tags.END_JS_OBJECT, depth);
        expectCount("object property count", in.readVarint32(), pairs);
        end(id);
      }
      case V8Tags.BEGIN_DENSE_ARRAY -> {
        int length = in.readLength(1);
        int id = register(start, false);
        for (int i = 0; i < length; i++) {
          if (in.peekTag() == V8Tags.THE_HOLE) {
            in.readByte();
          } else {
            value(depth + 1);
          }
        }
        int pairs = properties(V8Tags.END_DENSE_ARRAY, depth);
        expectCount("dense array property count", in.readVarint32(), pairs);
        expectCount("dense array length", in.readVarint32(), length);
        end(id);
      }
      case V8Tags.BEGIN_SPARSE_ARRAY -> {
        int length = in.readVarint32();
        int id = register(start, false);
        int pairs = properties(V8Tags.END_SPARSE_ARRAY, depth);
        expectCount("sparse array property count", in.readVarint32(), pairs);
        expectCount("sparse array length", in.readVarint32(), length);
        end(id);
      }
      case V8Tags.DATE, V8Tags.NUMBER_OBJECT -> {
        in.readDouble();
        end(register(start, false));
      }
      case V8Tags.TRUE_OBJECT, V8Tags.FALSE_OBJECT -> end(register(start, false));
      case V8Tags.BIGINT_OBJECT -> {
        int id = register(start, false);
        in.readBigIntPayload();
        end(id);
      }
      case V8Tags.STRING_OBJECT -> {
        int id = register(start, false);
        string();
        end(id);
      }
      case V8Tags.REGEXP -> {
        int id = register(start, false);
        string();
        in.readVarint32();
        end(id);
      }
      case V8Tags.BEGIN_MAP -> {
        int id = register(start, false);
        int n = 0;
        while (in.peekTag() != V8Tags.END_MAP) {
          value(depth + 1);
          n++;
        }
        in.readByte();
        expectCount("Map entry count", in.readVarint32(), n);
        if ((n & 1) != 0) {
          throw in.error("Map with a key but no value");
        }
        end(id);
      }
      case V8Tags.BEGIN_SET -> {
        int id = register(start, false);
        int n = 0;
        while (in.peekTag() != V8Tags.END_SET) {
          value(depth + 1);
          n++;
        }
        in.readByte();
        expectCount("Set element count", in.readVarint32(), n);
        end(id);
      }
      case V8Tags.ARRAY_BUFFER, V8Tags.IMMUTABLE_ARRAY_BUFFER -> {
        int id = register(start, true);
        skipBytes(bufferLength());
        end(id);
        view(start);
      }
      case V8Tags.RESIZABLE_ARRAY_BUFFER -> {
        int id = register(start, true);
        long length = bufferLengthField();
        bufferLengthField();
        skipBytes(checkedLength(length));
        end(id);
        view(start);
      }
      case V8Tags.ERROR -> {
        int id = register(start, false);
        error(depth);
        end(id);
      }
      case V8Tags.HOST_OBJECT -> {
        int id = register(start, false);
        in.readVarint32();
        value(depth + 1);
        end(id);
      }
      default -> throw in.error("unexpected tag 0x" + Integer.toHexString(tag & 0xFF));
    }
  }

  private void reference(int start) {
    int id = in.readVarint32();
    if (ids != null) {
      if (id < 0 || id >= ids.count) {
        throw in.error("reference to unknown object id " + Integer.toUnsignedString(id));
      }
      if (ids.ends[id] < 0) {
        throw in.error("cyclic reference to object id " + id
            + " (a value that contains itself cannot be read into a tree of Java objects)");
      }
    }
    if (in.peekTag() == V8Tags.ARRAY_BUFFER_VIEW) {
      if (ids != null && !ids.buffers[id]) {
        throw in.error("array buffer view after a reference to a non-buffer object");
      }
      view(start);
    }
  }

  /**
   * Reads a view following a buffer (or a reference to one) that starts at {@code bufferStart}, if
   * there is one; the view gets the next id, and replaying it starts at the buffer.
   */
  private void view(int bufferStart) {
    if (in.peekTag() != V8Tags.ARRAY_BUFFER_VIEW) {
      return;
    }
    in.readByte();
    in.readByte();
    bufferLengthField();
    bufferLengthField();
    if (version >= 14) {
      in.readVarint32();
    }
    end(register(bufferStart, false));
  }

  private int properties(byte endTag, int depth) {
    int pairs = 0;
    while (in.peekTag() != endTag) {
      if (in.peekTag() < 0) {
        throw in.error("truncated input (missing end of container)");
      }
      value(depth + 1);
      value(depth + 1);
      pairs++;
    }
    in.readByte();
    return pairs;
  }

  private void error(int depth) {
    while (true) {
      int sub = in.readVarint32();
      switch (sub) {
        case 'E', 'R', 'F', 'S', 'T', 'U' -> { }
        case 'm', 's' -> string();
        case 'c' -> value(depth + 1);
        case '.' -> {
          return;
        }
        default -> throw in.error("unknown Error sub-tag 0x" + Integer.toHexString(sub));
      }
    }
  }

  private void string() {
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.ONE_BYTE_STRING, V8Tags.UTF8_STRING, V8Tags.TWO_BYTE_STRING -> skipBytes(in.readLength(1));
      default -> throw in.error("expected a string, found tag 0x" + Integer.toHexString(tag & 0xFF));
    }
  }

  private long bufferLengthField() {
    return version >= 16 ? in.readVarint64() : Integer.toUnsignedLong(in.readVarint32());
  }

  private int bufferLength() {
    return checkedLength(bufferLengthField());
  }

  private int checkedLength(long length) {
    if (length < 0 || length > in.remaining()) {
      throw in.error("length " + Long.toUnsignedString(length) + " exceeds the remaining input");
    }
    return (int) length;
  }

  private void skipBytes(int n) {
    if (n > in.remaining()) {
      throw in.error("length " + n + " exceeds the remaining input");
    }
    in.position(in.position() + n);
  }

  private void expectCount(String what, int actual, int expected) {
    if (actual != expected) {
      throw in.error(what + " " + Integer.toUnsignedString(actual) + " does not match the "
          + expected + " read");
    }
  }
}
