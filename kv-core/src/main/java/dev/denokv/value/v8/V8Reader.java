package dev.denokv.value.v8;

import dev.denokv.error.KvCodecException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsArrayBuffer;
import dev.denokv.value.JsArrayBufferView;
import dev.denokv.value.JsBigInt;
import dev.denokv.value.JsBigIntObject;
import dev.denokv.value.JsBoolean;
import dev.denokv.value.JsBooleanObject;
import dev.denokv.value.JsDate;
import dev.denokv.value.JsError;
import dev.denokv.value.JsErrorType;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsNull;
import dev.denokv.value.JsNumber;
import dev.denokv.value.JsNumberObject;
import dev.denokv.value.JsNumbers;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsObjectValue;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsStringObject;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.JsViewKind;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one V8-serialized value (format versions 13–16, every tag Deno stores) into a
 * {@link JsValue}, applying the checks Deno 2.9.6 applies: header and version, property, element,
 * Map and Set counts, duplicate or invalid property keys, the hole outside dense arrays, unknown
 * back-references, RegExp flags, ArrayBufferView bounds, alignment and flags, BigInt negative zero,
 * the host-object form, odd two-byte string lengths and truncation.
 *
 * <p>Deliberate differences from Deno 2.9.6: Error sub-tags are accepted in any order (each at
 * most once), so data written by older Deno releases, whose V8 wrote message, cause, stack, still
 * reads (older V8 readers, such as Node 20's, accept any order too). A host object's metadata must
 * be an object with a string {@code type}, but the type is not checked against Deno's registry
 * (2.9.6 registers DOMException, CryptoKey, NodeCryptoKeyObject, X509Certificate,
 * EventLoopDelayHistogram, RecordableHistogram, Blob and File, and aborts on any other type);
 * RegExp patterns are not compiled; a resizable buffer's {@code maxByteLength} may be up to 2^53-1
 * (V8 may fail to reserve that much). Bytes after the root value are ignored, as V8 does.
 * Values nested deeper than {@link #MAX_DEPTH} are rejected. Every problem is reported as a
 * {@link KvCodecException}; no length is trusted before the input is known to hold it.
 *
 * <p>A reader reads one buffer once; it is not thread-safe.
 */
public final class V8Reader {

  /** The deepest nesting of values accepted (and written by {@link V8Writer}). */
  public static final int MAX_DEPTH = 512;

  private static final int HOST_OBJECT_MARKER = 0xFFFF_FFFF;
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private final V8Input in;
  private final List<JsObjectValue> objects = new ArrayList<>();
  private int version;
  private int depth;

  public V8Reader(byte[] bytes) {
    this.in = new V8Input(bytes);
  }

  /** Reads the header and the root value. */
  public JsValue read() {
    try {
      version = in.readHeader();
      return readValue();
    } catch (KvInvalidArgumentException e) {
      throw in.error(e.getMessage());
    } catch (StackOverflowError e) {
      // Only possible on a thread with a very small stack: MAX_DEPTH bounds the recursion.
      throw in.error("values nested too deeply for this thread's stack");
    }
  }

  /** The format version of the header, once {@link #read()} has run. */
  public int version() {
    return version;
  }

  private JsValue readValue() {
    if (++depth > MAX_DEPTH) {
      throw in.error("values nested deeper than " + MAX_DEPTH);
    }
    try {
      JsValue value = readValueBody();
      if (value instanceof JsArrayBuffer buffer && in.peekTag() == V8Tags.ARRAY_BUFFER_VIEW) {
        in.readTag();
        return readView(buffer);
      }
      return value;
    } finally {
      depth--;
    }
  }

  private JsValue readValueBody() {
    int at = in.position();
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.VERIFY_OBJECT_COUNT:
        in.readVarint32();
        return readValueBody();
      case V8Tags.UNDEFINED:
        return JsUndefined.INSTANCE;
      case V8Tags.NULL:
        return JsNull.INSTANCE;
      case V8Tags.TRUE:
        return JsBoolean.TRUE;
      case V8Tags.FALSE:
        return JsBoolean.FALSE;
      case V8Tags.INT32:
        return new JsNumber(in.readZigZag32());
      case V8Tags.UINT32:
        return new JsNumber(Integer.toUnsignedLong(in.readVarint32()));
      case V8Tags.DOUBLE:
        return new JsNumber(readDouble());
      case V8Tags.BIGINT:
        return new JsBigInt(in.readBigIntPayload());
      case V8Tags.ONE_BYTE_STRING:
        return new JsString(in.readOneByteString());
      case V8Tags.TWO_BYTE_STRING:
        return new JsString(in.readTwoByteString());
      case V8Tags.UTF8_STRING:
        return new JsString(in.readUtf8String());
      case V8Tags.OBJECT_REFERENCE:
        return readReference();
      case V8Tags.BEGIN_JS_OBJECT:
        return readObject();
      case V8Tags.BEGIN_DENSE_ARRAY:
        return readDenseArray();
      case V8Tags.BEGIN_SPARSE_ARRAY:
        return readSparseArray();
      case V8Tags.DATE:
        return register(new JsDate(readDouble()));
      case V8Tags.TRUE_OBJECT:
        return register(new JsBooleanObject(true));
      case V8Tags.FALSE_OBJECT:
        return register(new JsBooleanObject(false));
      case V8Tags.NUMBER_OBJECT:
        return register(new JsNumberObject(readDouble()));
      case V8Tags.BIGINT_OBJECT:
        return register(new JsBigIntObject(in.readBigIntPayload()));
      case V8Tags.STRING_OBJECT:
        return register(new JsStringObject(in.readStringValue()));
      case V8Tags.REGEXP:
        return readRegExp();
      case V8Tags.BEGIN_MAP:
        return readMap();
      case V8Tags.BEGIN_SET:
        return readSet();
      case V8Tags.ARRAY_BUFFER:
        return register(JsArrayBuffer.of(in.readBytes(in.readSize(version))));
      case V8Tags.RESIZABLE_ARRAY_BUFFER:
        return readResizableBuffer();
      case V8Tags.IMMUTABLE_ARRAY_BUFFER:
        return register(JsArrayBuffer.immutable(in.readBytes(in.readSize(version))));
      case V8Tags.ERROR:
        return readError();
      case V8Tags.HOST_OBJECT:
        return readHostObject();
      case V8Tags.THE_HOLE:
        throw errorAt(at, "the hole outside a dense array");
      case V8Tags.ARRAY_BUFFER_VIEW:
        throw errorAt(at, "ArrayBufferView without a preceding ArrayBuffer");
      default:
        throw errorAt(at, "unexpected tag " + describe(tag));
    }
  }

  private KvCodecException errorAt(int position, String problem) {
    in.position(position);
    return in.error(problem);
  }

  private static String describe(byte tag) {
    int b = tag & 0xFF;
    String hex = String.format("0x%02x", b);
    return b >= 0x20 && b < 0x7F ? hex + " ('" + (char) b + "')" : hex;
  }

  private <T extends JsObjectValue> T register(T object) {
    objects.add(object);
    return object;
  }

  private double readDouble() {
    double d = in.readDouble();
    return Double.isNaN(d) ? Double.NaN : d;
  }

  private JsValue readReference() {
    int at = in.position();
    long id = Integer.toUnsignedLong(in.readVarint32());
    if (id >= objects.size()) {
      throw errorAt(at, "reference to unknown object id " + id);
    }
    return objects.get((int) id);
  }

  // ---- objects and arrays ----

  private JsObject readObject() {
    JsObject object = register(new JsObject());
    int count = 0;
    while (in.peekTag() != V8Tags.END_JS_OBJECT) {
      int at = in.position();
      String key = readKey();
      if (object.has(key)) {
        throw errorAt(at, "duplicate property key " + JsString.of(key));
      }
      object.put(key, readValue());
      count++;
    }
    in.readTag();
    expectCount("object property count", count, in.readVarint32());
    return object;
  }

  private JsArray readDenseArray() {
    int length = in.readLength(1);
    JsArray array = register(new JsArray());
    array.setForm(JsArray.Form.DENSE);
    for (int i = 0; i < length; i++) {
      if (in.peekTag() == V8Tags.THE_HOLE) {
        in.readTag();
        array.setLength(i + 1L);
      } else {
        array.set(i, readValue());
      }
    }
    int count = readArrayProperties(array, V8Tags.END_DENSE_ARRAY);
    expectCount("dense array property count", count, in.readVarint32());
    expectCount("dense array length", length, in.readVarint32());
    array.setForm(JsArray.Form.DENSE);
    return array;
  }

  private JsArray readSparseArray() {
    long length = Integer.toUnsignedLong(in.readVarint32());
    JsArray array = register(JsArray.withLength(length));
    int count = readArrayProperties(array, V8Tags.END_SPARSE_ARRAY);
    expectCount("sparse array property count", count, in.readVarint32());
    expectCount("sparse array length", length, Integer.toUnsignedLong(in.readVarint32()));
    array.setForm(JsArray.Form.SPARSE);
    return array;
  }

  private int readArrayProperties(JsArray array, byte endTag) {
    int count = 0;
    while (in.peekTag() != endTag) {
      int at = in.position();
      String key = readKey();
      if (array.property(key) != null) {
        throw errorAt(at, "duplicate property key " + JsString.of(key));
      }
      if (key.equals("length")) {
        throw errorAt(at, "an array property named \"length\"");
      }
      array.putProperty(key, readValue());
      count++;
    }
    in.readTag();
    return count;
  }

  /** A property key: a string, or a number converted to its canonical string. */
  private String readKey() {
    int at = in.position();
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.VERIFY_OBJECT_COUNT:
        in.readVarint32();
        return readKey();
      case V8Tags.ONE_BYTE_STRING:
        return in.readOneByteString();
      case V8Tags.TWO_BYTE_STRING:
        return in.readTwoByteString();
      case V8Tags.UTF8_STRING:
        return in.readUtf8String();
      case V8Tags.INT32:
        return Integer.toString(in.readZigZag32());
      case V8Tags.UINT32:
        return Integer.toUnsignedString(in.readVarint32());
      case V8Tags.DOUBLE:
        return JsNumbers.toJsString(in.readDouble());
      default:
        throw errorAt(at, "invalid property key " + describe(tag) + " (keys are strings or numbers)");
    }
  }

  private void expectCount(String what, long actual, long declared) {
    if (actual != Integer.toUnsignedLong((int) declared)) {
      throw in.error(what + " mismatch: declared " + Integer.toUnsignedString((int) declared) + ", found " + actual);
    }
  }

  // ---- other objects ----

  private JsRegExp readRegExp() {
    // The RegExp's id is taken before its source is read; nothing in between can take one.
    String source = in.readStringValue();
    int at = in.position();
    int flags = in.readVarint32();
    try {
      return register(JsRegExp.ofFlagBits(source, flags));
    } catch (KvInvalidArgumentException e) {
      throw errorAt(at, "invalid RegExp flags 0x" + Integer.toHexString(flags));
    }
  }

  private JsMap readMap() {
    JsMap map = register(new JsMap());
    int count = 0;
    while (in.peekTag() != V8Tags.END_MAP) {
      JsValue key = readValue();
      JsValue value = readValue();
      map.put(key, value);
      count += 2;
    }
    in.readTag();
    expectCount("Map entry count", count, in.readVarint32());
    return map;
  }

  private JsSet readSet() {
    JsSet set = register(new JsSet());
    int count = 0;
    while (in.peekTag() != V8Tags.END_SET) {
      set.add(readValue());
      count++;
    }
    in.readTag();
    expectCount("Set size", count, in.readVarint32());
    return set;
  }

  private JsArrayBuffer readResizableBuffer() {
    int byteLength = in.readSize(version);
    int at = in.position();
    long maxByteLength = version >= V8Tags.VERSION_16 ? in.readVarint64() : Integer.toUnsignedLong(in.readVarint32());
    if (maxByteLength < byteLength || maxByteLength > MAX_SAFE_INTEGER) {
      throw errorAt(at, "resizable ArrayBuffer maxByteLength " + Long.toUnsignedString(maxByteLength)
          + " is below its byteLength " + byteLength + " or above 2^53-1");
    }
    return register(JsArrayBuffer.resizable(in.readBytes(byteLength), maxByteLength));
  }

  private JsArrayBufferView readView(JsArrayBuffer buffer) {
    int at = in.position();
    byte subTag = in.readByte();
    JsViewKind kind = JsViewKind.ofTag(subTag);
    if (kind == null) {
      throw errorAt(at, "unknown ArrayBufferView sub-tag " + describe(subTag));
    }
    long byteOffset = in.readSize(version);
    long byteLength = in.readSize(version);
    int flags = version >= 14 ? in.readVarint32() : 0;
    boolean lengthTracking = (flags & 1) != 0;
    boolean backedByResizable = (flags & 2) != 0;
    if ((lengthTracking || backedByResizable) && !buffer.isResizable()) {
      throw errorAt(at, "ArrayBufferView flags 0x" + Integer.toHexString(flags) + " need a resizable buffer");
    }
    if (buffer.isResizable() && !backedByResizable) {
      throw errorAt(at, "ArrayBufferView on a resizable buffer without the resizable flag");
    }
    String problem = JsArrayBufferView.problem(kind, buffer, byteOffset, byteLength, false);
    if (problem != null) {
      throw errorAt(at, problem);
    }
    JsArrayBufferView view = lengthTracking
        ? JsArrayBufferView.lengthTracking(kind, buffer, byteOffset)
        : JsArrayBufferView.of(kind, buffer, byteOffset, byteLength);
    return register(view);
  }

  private JsError readError() {
    JsError error = register(new JsError(JsErrorType.ERROR, null));
    boolean prototype = false;
    boolean message = false;
    boolean stack = false;
    boolean cause = false;
    while (true) {
      int at = in.position();
      byte subTag = in.readByte();
      switch (subTag) {
        case '.':
          return error;
        case 'm':
          message = once(message, at, "message");
          error.setMessage(in.readStringValue());
          break;
        case 's':
          stack = once(stack, at, "stack");
          error.setStack(in.readStringValue());
          break;
        case 'c':
          cause = once(cause, at, "cause");
          error.setCause(readValue());
          break;
        default:
          JsErrorType type = JsErrorType.ofTag(subTag);
          if (type == null) {
            throw errorAt(at, "unknown Error sub-tag " + describe(subTag));
          }
          prototype = once(prototype, at, "prototype");
          error.setType(type);
      }
    }
  }

  private boolean once(boolean seen, int at, String what) {
    if (seen) {
      throw errorAt(at, "repeated Error " + what);
    }
    return true;
  }

  private JsHostObject readHostObject() {
    JsHostObject host = register(new JsHostObject(JsUndefined.INSTANCE));
    int at = in.position();
    int marker = in.readVarint32();
    if (marker != HOST_OBJECT_MARKER) {
      throw errorAt(at, "host object id " + Integer.toUnsignedString(marker) + " (Deno writes only 4294967295)");
    }
    JsValue metadata = readValue();
    if (!(metadata instanceof JsObject object) || !(object.get("type") instanceof JsString)) {
      throw errorAt(at, "host object metadata without a string \"type\"");
    }
    host.setMetadata(metadata);
    return host;
  }
}
