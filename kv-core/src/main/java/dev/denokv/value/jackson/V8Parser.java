package dev.denokv.value.jackson;

import dev.denokv.error.KvCodecException;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Tags;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.Version;
import tools.jackson.core.base.ParserMinimalBase;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.SimpleStreamReadContext;

/**
 * Reads one JS value in the V8 serialization format (versions 13 to 16) as a Jackson token stream.
 *
 * <ul>
 *   <li>Plain objects and {@code Map}s are objects; numeric keys become their canonical JS strings,
 *       Map keys must be strings, numbers, BigInts, booleans, null or undefined.
 *   <li>Dense and sparse arrays and {@code Set}s are arrays; holes read as null. Named properties of
 *       arrays (rare in data) are skipped.
 *   <li>int32 numbers are {@code INT}, doubles {@code FLOAT} (integral doubles still bind to
 *       {@code int}/{@code long}), BigInts {@code BIG_INTEGER}; wrapper objects read as their
 *       primitive; null and undefined as null.
 *   <li>A {@code Date} is an embedded {@link Instant} (an Invalid Date reads as null); ArrayBuffers,
 *       typed arrays and DataViews are embedded {@code byte[]} holding the view's bytes.
 *   <li>A RegExp reads as its source string {@code /source/flags}; an Error as
 *       {@code "Name: message"} (its stack and cause are dropped). Host objects (Deno platform objects
 *       such as {@code DOMException} or {@code Blob}) are rejected.
 *   <li>Back-references are read by replaying the referenced object's bytes; a value that contains
 *       itself is rejected, since a tree of Java objects cannot hold it.
 * </ul>
 *
 * <p>Malformed input raises {@link StreamReadException} naming the problem and its offset. Nesting
 * depth is bounded by the stream read constraints, sparse-array lengths and the bytes replayed for
 * back-references by {@link V8Factory}'s limits.
 */
public final class V8Parser extends ParserMinimalBase {

  private static final byte OBJECT = 0;
  private static final byte MAP = 1;
  private static final byte DENSE = 2;
  private static final byte SPARSE = 3;
  private static final byte SET = 4;

  private static final int NR_NONE = 0;
  private static final int NR_I = 1;
  private static final int NR_L = 2;
  private static final int NR_BIG = 3;
  private static final int NR_D = 4;

  private static final class Frame {
    byte kind;
    int length;
    int read;
    long nextIndex;
    long holes;
    boolean valuePending;
    boolean ended;
    int returnPos;
  }

  private final byte[] data;
  private final int offset;
  private final int length;
  private final V8Input in;
  private final int maxSparseLength;
  private final long maxReplayBytes;
  private SimpleStreamReadContext context;
  private Frame[] frames = new Frame[8];
  /** The typed key of the last property name read from a JS Map. */
  private @Nullable Object mapKey;
  private int depth;
  private int version;
  private int rootStart = -1;
  private boolean expectingValue;
  private V8Scanner.@Nullable IdTable ids;
  private @Nullable V8Scanner scanner;
  private long replayed;
  private int tokenPos;

  private @Nullable String text;
  private @Nullable Object embedded;
  private int numberType;
  private int intValue;
  private long longValue;
  private double doubleValue;
  private @Nullable BigInteger bigValue;

  V8Parser(ObjectReadContext readContext, IOContext ioContext, int streamReadFeatures,
      byte[] data, int offset, int length, int maxSparseLength, long maxReplayBytes) {
    super(readContext, ioContext, streamReadFeatures);
    this.data = data;
    this.offset = offset;
    this.length = length;
    this.in = new V8Input(data, offset, length);
    this.maxSparseLength = maxSparseLength;
    this.maxReplayBytes = maxReplayBytes;
    this.context = SimpleStreamReadContext.createRootContext(null);
  }

  /** The format version of the header, or 0 before the first token. */
  public int formatVersion() {
    return version;
  }

  // ---------------------------------------------------------------- tokens

  @Override
  public @Nullable JsonToken nextToken() throws JacksonException {
    if (_closed) {
      return null;
    }
    embedded = null;
    numberType = NR_NONE;
    try {
      return _updateToken(advance());
    } catch (KvCodecException e) {
      throw new StreamReadException(this, e.getMessage(), e);
    } catch (StreamConstraintsException e) {
      throw new StreamReadException(this, "Invalid V8 value at offset " + (in.position() - offset)
          + ": " + e.getOriginalMessage(), e);
    }
  }

  private @Nullable JsonToken advance() {
    if (expectingValue) {
      expectingValue = false;
      return readValue();
    }
    if (depth == 0) {
      if (rootStart >= 0) {
        return null;
      }
      version = in.readHeader();
      rootStart = in.position();
      return readValue();
    }
    Frame f = frames[depth - 1];
    return switch (f.kind) {
      case OBJECT, MAP -> nextInObject(f);
      case DENSE -> nextInDenseArray(f);
      case SPARSE -> nextInSparseArray(f);
      default -> nextInSet(f);
    };
  }

  private JsonToken nextInObject(Frame f) {
    byte endTag = f.kind == OBJECT ? V8Tags.END_JS_OBJECT : V8Tags.END_MAP;
    int tag = in.peekTag();
    if (tag == endTag) {
      in.readByte();
      int count = in.readVarint32();
      int expected = f.kind == OBJECT ? f.read : 2 * f.read;
      if (count != expected) {
        throw malformed((f.kind == OBJECT ? "object property count " : "Map entry count ")
            + Integer.toUnsignedString(count) + " does not match the " + expected + " read");
      }
      return closeContainer(JsonToken.END_OBJECT);
    }
    tokenPos = in.position();
    String name = f.kind == OBJECT ? readObjectKey() : readMapKey();
    f.read++;
    context.setCurrentName(name);
    text = name;
    expectingValue = true;
    return JsonToken.PROPERTY_NAME;
  }

  private @Nullable JsonToken nextInDenseArray(Frame f) {
    if (f.read < f.length) {
      f.read++;
      if (in.peekTag() == V8Tags.THE_HOLE) {
        tokenPos = in.position();
        in.readByte();
        return JsonToken.VALUE_NULL;
      }
      return readValue();
    }
    int skipped = 0;
    while (in.peekTag() != V8Tags.END_DENSE_ARRAY) {
      skipValue();
      skipValue();
      skipped++;
    }
    in.readByte();
    int propCount = in.readVarint32();
    int len = in.readVarint32();
    if (propCount != skipped) {
      throw malformed("dense array property count " + Integer.toUnsignedString(propCount)
          + " does not match the " + skipped + " read");
    }
    if (len != f.length) {
      throw malformed("dense array length " + Integer.toUnsignedString(len)
          + " does not match its leading length " + f.length);
    }
    return closeContainer(JsonToken.END_ARRAY);
  }

  private @Nullable JsonToken nextInSparseArray(Frame f) {
    if (f.holes > 0) {
      f.holes--;
      f.nextIndex++;
      return JsonToken.VALUE_NULL;
    }
    if (f.valuePending) {
      f.valuePending = false;
      f.nextIndex++;
      return readValue();
    }
    if (f.ended) {
      return closeContainer(JsonToken.END_ARRAY);
    }
    while (true) {
      if (in.peekTag() == V8Tags.END_SPARSE_ARRAY) {
        in.readByte();
        int propCount = in.readVarint32();
        int len = in.readVarint32();
        if (propCount != f.read) {
          throw malformed("sparse array property count " + Integer.toUnsignedString(propCount)
              + " does not match the " + f.read + " read");
        }
        if (len != f.length) {
          throw malformed("sparse array length " + Integer.toUnsignedString(len)
              + " does not match its leading length " + Integer.toUnsignedString(f.length));
        }
        f.ended = true;
        f.holes = Integer.toUnsignedLong(f.length) - f.nextIndex;
        return nextInSparseArray(f);
      }
      long index = readSparseKey();
      f.read++;
      if (index < 0) {
        skipValue();
        continue;
      }
      if (index < f.nextIndex) {
        throw malformed("sparse array element " + index + " is out of order");
      }
      if (index >= Integer.toUnsignedLong(f.length)) {
        throw malformed("sparse array element " + index + " is beyond the array's length "
            + Integer.toUnsignedString(f.length));
      }
      f.holes = index - f.nextIndex;
      f.valuePending = true;
      return nextInSparseArray(f);
    }
  }

  private JsonToken nextInSet(Frame f) {
    if (in.peekTag() == V8Tags.END_SET) {
      in.readByte();
      int count = in.readVarint32();
      if (count != f.read) {
        throw malformed("Set element count " + Integer.toUnsignedString(count)
            + " does not match the " + f.read + " read");
      }
      return closeContainer(JsonToken.END_ARRAY);
    }
    f.read++;
    return readValue();
  }

  private JsonToken closeContainer(JsonToken token) {
    Frame f = frames[--depth];
    context = context.clearAndGetParent();
    if (f.returnPos >= 0) {
      in.position(f.returnPos);
    }
    return token;
  }

  private Frame push(byte kind, int length, boolean object) {
    _streamReadConstraints.validateNestingDepth(depth + 1);
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    Frame f = frames[depth];
    if (f == null) {
      f = new Frame();
      frames[depth] = f;
    }
    depth++;
    f.kind = kind;
    f.length = length;
    f.read = 0;
    f.nextIndex = 0;
    f.holes = 0;
    f.valuePending = false;
    f.ended = false;
    f.returnPos = -1;
    context = object ? context.createChildObjectContext(-1, -1) : context.createChildArrayContext(-1, -1);
    return f;
  }

  // ---------------------------------------------------------------- values

  private JsonToken readValue() {
    in.peekTag();
    tokenPos = in.position();
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.VERIFY_OBJECT_COUNT:
        in.readVarint32();
        return readValue();
      case V8Tags.UNDEFINED:
      case V8Tags.NULL:
        return JsonToken.VALUE_NULL;
      case V8Tags.TRUE:
      case V8Tags.TRUE_OBJECT:
        return JsonToken.VALUE_TRUE;
      case V8Tags.FALSE:
      case V8Tags.FALSE_OBJECT:
        return JsonToken.VALUE_FALSE;
      case V8Tags.INT32:
        return setInt(in.readZigZag32());
      case V8Tags.UINT32:
        return setLong(Integer.toUnsignedLong(in.readVarint32()));
      case V8Tags.DOUBLE:
      case V8Tags.NUMBER_OBJECT:
        return setDouble(in.readDouble());
      case V8Tags.BIGINT:
      case V8Tags.BIGINT_OBJECT:
        bigValue = in.readBigIntPayload();
        numberType = NR_BIG;
        return JsonToken.VALUE_NUMBER_INT;
      case V8Tags.ONE_BYTE_STRING:
        return setText(in.readOneByteString());
      case V8Tags.TWO_BYTE_STRING:
        return setText(in.readTwoByteString());
      case V8Tags.UTF8_STRING:
        return setText(in.readUtf8String());
      case V8Tags.STRING_OBJECT:
        return setText(in.readStringValue());
      case V8Tags.BEGIN_JS_OBJECT:
        push(OBJECT, 0, true);
        return JsonToken.START_OBJECT;
      case V8Tags.BEGIN_MAP:
        push(MAP, 0, true);
        return JsonToken.START_OBJECT;
      case V8Tags.BEGIN_DENSE_ARRAY:
        push(DENSE, in.readLength(1), false);
        return JsonToken.START_ARRAY;
      case V8Tags.BEGIN_SPARSE_ARRAY: {
        int len = in.readVarint32();
        if (Integer.toUnsignedLong(len) > maxSparseLength) {
          throw malformed("sparse array length " + Integer.toUnsignedString(len)
              + " exceeds the limit of " + maxSparseLength + " elements");
        }
        push(SPARSE, len, false);
        return JsonToken.START_ARRAY;
      }
      case V8Tags.BEGIN_SET:
        push(SET, 0, false);
        return JsonToken.START_ARRAY;
      case V8Tags.DATE: {
        Instant instant = JsDates.toInstant(in.readDouble());
        if (instant == null) {
          return JsonToken.VALUE_NULL;
        }
        embedded = instant;
        return JsonToken.VALUE_EMBEDDED_OBJECT;
      }
      case V8Tags.REGEXP: {
        String source = in.readStringValue();
        return setText("/" + source + "/" + regExpFlags(in.readVarint32()));
      }
      case V8Tags.ARRAY_BUFFER:
      case V8Tags.IMMUTABLE_ARRAY_BUFFER:
      case V8Tags.RESIZABLE_ARRAY_BUFFER:
        return readBuffer(tag, true);
      case V8Tags.ERROR:
        return setText(readError());
      case V8Tags.OBJECT_REFERENCE:
        return readReference();
      case V8Tags.HOST_OBJECT:
        throw malformed("a host object (a Deno platform object such as DOMException, CryptoKey or"
            + " Blob) has no Java representation");
      case V8Tags.THE_HOLE:
        throw malformed("the hole tag outside a dense array");
      case V8Tags.ARRAY_BUFFER_VIEW:
        throw malformed("an array buffer view without a buffer before it");
      default:
        throw malformed("unexpected tag 0x" + Integer.toHexString(tag & 0xFF));
    }
  }

  private JsonToken setInt(int v) {
    intValue = v;
    numberType = NR_I;
    return JsonToken.VALUE_NUMBER_INT;
  }

  private JsonToken setLong(long v) {
    if (v == (int) v) {
      return setInt((int) v);
    }
    longValue = v;
    numberType = NR_L;
    return JsonToken.VALUE_NUMBER_INT;
  }

  private JsonToken setDouble(double v) {
    doubleValue = v;
    numberType = NR_D;
    return JsonToken.VALUE_NUMBER_FLOAT;
  }

  private JsonToken setText(String s) {
    text = s;
    return JsonToken.VALUE_STRING;
  }

  /** Reads an ArrayBuffer (tag already read) and the view after it, if any, as embedded bytes. */
  private JsonToken readBuffer(byte tag, boolean viewMayFollow) {
    long byteLength = lengthField();
    if (tag == V8Tags.RESIZABLE_ARRAY_BUFFER) {
      lengthField();
    }
    if (byteLength > in.remaining()) {
      throw malformed("ArrayBuffer length " + byteLength + " exceeds the remaining input");
    }
    int start = in.position();
    int len = (int) byteLength;
    in.position(start + len);
    return viewMayFollow ? finishBuffer(start, len) : bufferToken(start, len);
  }

  private JsonToken bufferToken(int start, int len) {
    embedded = Arrays.copyOfRange(data, start, start + len);
    return JsonToken.VALUE_EMBEDDED_OBJECT;
  }

  private JsonToken finishBuffer(int start, int len) {
    if (in.peekTag() != V8Tags.ARRAY_BUFFER_VIEW) {
      return bufferToken(start, len);
    }
    in.readByte();
    byte sub = in.readByte();
    long viewOffset = lengthField();
    long viewLength = lengthField();
    int flags = version >= 14 ? in.readVarint32() : 0;
    int elementSize = switch (sub) {
      case 'b', 'B', 'C', '?' -> 1;
      case 'w', 'W', 'h' -> 2;
      case 'd', 'D', 'f' -> 4;
      case 'F', 'q', 'Q' -> 8;
      default -> throw malformed("unknown array buffer view type 0x" + Integer.toHexString(sub & 0xFF));
    };
    if ((flags & 1) != 0) {
      viewLength = len - viewOffset;
    }
    if (viewOffset < 0 || viewLength < 0 || viewOffset > len || viewLength > len - viewOffset) {
      throw malformed("array buffer view [" + viewOffset + ", +" + viewLength
          + ") is outside its buffer of " + len + " bytes");
    }
    if (viewOffset % elementSize != 0 || viewLength % elementSize != 0) {
      throw malformed("array buffer view offset " + viewOffset + " or length " + viewLength
          + " is not a multiple of its element size " + elementSize);
    }
    return bufferToken(start + (int) viewOffset, (int) viewLength);
  }

  private long lengthField() {
    return version >= 16 ? in.readVarint64() : Integer.toUnsignedLong(in.readVarint32());
  }

  private JsonToken readReference() {
    int id = in.readVarint32();
    if (ids == null) {
      ids = scanner().scanIds(rootStart);
    }
    V8Scanner.IdTable table = ids;
    if (id < 0 || id >= table.count()) {
      throw malformed("reference to unknown object id " + Integer.toUnsignedString(id));
    }
    replayed += table.end(id) - table.start(id);
    if (replayed > maxReplayBytes) {
      throw malformed("back-references expand to more than " + maxReplayBytes + " bytes");
    }
    int returnPos = in.position();
    in.position(table.start(id));
    if (table.isBuffer(id)) {
      byte tag = in.readTag();
      readBuffer(tag, false);
      int start = in.position() - ((byte[]) embedded).length;
      in.position(returnPos);
      return finishBuffer(start, ((byte[]) embedded).length);
    }
    JsonToken token = readValue();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      frames[depth - 1].returnPos = returnPos;
    } else {
      in.position(returnPos);
    }
    return token;
  }

  private V8Scanner scanner() {
    if (scanner == null) {
      scanner = new V8Scanner(data, offset, length, version, _streamReadConstraints.getMaxNestingDepth());
    }
    return scanner;
  }

  private void skipValue() {
    in.position(scanner().skip(in.position(), depth));
  }

  private String readError() {
    String name = "Error";
    String message = null;
    while (true) {
      int sub = in.readVarint32();
      switch (sub) {
        case 'E' -> name = "EvalError";
        case 'R' -> name = "RangeError";
        case 'F' -> name = "ReferenceError";
        case 'S' -> name = "SyntaxError";
        case 'T' -> name = "TypeError";
        case 'U' -> name = "URIError";
        case 'm' -> message = in.readStringValue();
        case 's' -> in.readStringValue();
        case 'c' -> skipValue();
        case '.' -> {
          return message == null || message.isEmpty() ? name : name + ": " + message;
        }
        default -> throw malformed("unknown Error sub-tag 0x" + Integer.toHexString(sub));
      }
    }
  }

  private static String regExpFlags(int flags) {
    if ((flags & ~0x1BF) != 0) {
      throw new KvCodecException("Invalid V8 value: invalid RegExp flags 0x" + Integer.toHexString(flags));
    }
    StringBuilder sb = new StringBuilder();
    String letters = "dgimsuvy";
    int[] bits = {0x80, 0x01, 0x02, 0x04, 0x20, 0x10, 0x100, 0x08};
    for (int i = 0; i < bits.length; i++) {
      if ((flags & bits[i]) != 0) {
        sb.append(letters.charAt(i));
      }
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- keys

  /** Whether the current token starts a JS {@code Set} (read as an array). */
  boolean startsSet() {
    return _currToken == JsonToken.START_ARRAY && depth > 0 && frames[depth - 1].kind == SET;
  }

  /** Whether the current token starts a JS {@code Map} (read as an object). */
  boolean startsMap() {
    return _currToken == JsonToken.START_OBJECT && depth > 0 && frames[depth - 1].kind == MAP;
  }

  /**
   * The key of the current property name of a JS {@code Map} as its Java value (a string,
   * {@code Integer} for int32 numbers, {@code Long}, {@code Double}, {@code BigInteger},
   * {@code Boolean}, or null for null and undefined); the property name is its string form.
   */
  @Nullable Object mapKey() {
    return mapKey;
  }

  private String readObjectKey() {
    byte tag = in.readTag();
    return switch (tag) {
      case V8Tags.ONE_BYTE_STRING -> in.readOneByteString();
      case V8Tags.TWO_BYTE_STRING -> in.readTwoByteString();
      case V8Tags.UTF8_STRING -> in.readUtf8String();
      case V8Tags.INT32 -> Integer.toString(in.readZigZag32());
      case V8Tags.UINT32 -> Integer.toUnsignedString(in.readVarint32());
      case V8Tags.DOUBLE -> dev.denokv.value.JsNumbers.toJsString(in.readDouble());
      default -> throw malformed("an object key must be a string or a number, found tag 0x"
          + Integer.toHexString(tag & 0xFF));
    };
  }

  private String readMapKey() {
    int tag = in.peekTag();
    return switch (tag) {
      case V8Tags.ONE_BYTE_STRING, V8Tags.TWO_BYTE_STRING, V8Tags.UTF8_STRING -> {
        String key = readObjectKey();
        mapKey = key;
        yield key;
      }
      case V8Tags.INT32 -> {
        in.readByte();
        int key = in.readZigZag32();
        mapKey = key;
        yield Integer.toString(key);
      }
      case V8Tags.UINT32 -> {
        in.readByte();
        long key = Integer.toUnsignedLong(in.readVarint32());
        mapKey = key == (int) key ? (Object) (int) key : (Object) key;
        yield Long.toString(key);
      }
      case V8Tags.DOUBLE -> {
        in.readByte();
        double key = in.readDouble();
        mapKey = key;
        yield dev.denokv.value.JsNumbers.toJsString(key);
      }
      case V8Tags.BIGINT -> {
        in.readByte();
        java.math.BigInteger key = in.readBigIntPayload();
        mapKey = key;
        yield key.toString();
      }
      case V8Tags.TRUE, V8Tags.FALSE, V8Tags.NULL, V8Tags.UNDEFINED -> {
        in.readByte();
        mapKey = tag == V8Tags.TRUE ? Boolean.TRUE : tag == V8Tags.FALSE ? Boolean.FALSE : null;
        yield tag == V8Tags.TRUE ? "true" : tag == V8Tags.FALSE ? "false" : tag == V8Tags.NULL ? "null" : "undefined";
      }
      default -> throw malformed("a Map key must be a string, number, bigint, boolean, null or"
          + " undefined to be read as a property name, found tag 0x" + Integer.toHexString(tag & 0xFF));
    };
  }

  /** The element index a sparse-array key denotes, or -1 for a named property. */
  private long readSparseKey() {
    byte tag = in.readTag();
    switch (tag) {
      case V8Tags.INT32: {
        int v = in.readZigZag32();
        return v >= 0 ? v : -1;
      }
      case V8Tags.UINT32: {
        long v = Integer.toUnsignedLong(in.readVarint32());
        return v <= V8Generator.MAX_ARRAY_INDEX ? v : -1;
      }
      case V8Tags.DOUBLE: {
        double d = in.readDouble();
        return d >= 0 && d <= V8Generator.MAX_ARRAY_INDEX && d == Math.rint(d) ? (long) d : -1;
      }
      case V8Tags.ONE_BYTE_STRING:
        return V8Generator.arrayIndex(in.readOneByteString());
      case V8Tags.TWO_BYTE_STRING:
        return V8Generator.arrayIndex(in.readTwoByteString());
      case V8Tags.UTF8_STRING:
        return V8Generator.arrayIndex(in.readUtf8String());
      default:
        throw malformed("an array key must be a string or a number, found tag 0x"
            + Integer.toHexString(tag & 0xFF));
    }
  }

  private StreamReadException malformed(String problem) {
    return new StreamReadException(this, "Invalid V8 value at offset " + (in.position() - offset)
        + ": " + problem);
  }

  // ---------------------------------------------------------------- accessors

  @Override
  public @Nullable String getString() {
    JsonToken t = _currToken;
    if (t == null) {
      return null;
    }
    return switch (t) {
      case VALUE_STRING, PROPERTY_NAME -> text;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> String.valueOf(getNumberValue());
      case VALUE_EMBEDDED_OBJECT -> embedded instanceof Instant i ? i.toString() : null;
      default -> t.asString();
    };
  }

  @Override
  public char[] getStringCharacters() {
    String s = getString();
    return s == null ? new char[0] : s.toCharArray();
  }

  @Override
  public int getStringLength() {
    String s = getString();
    return s == null ? 0 : s.length();
  }

  @Override
  public int getStringOffset() {
    return 0;
  }

  @Override
  public boolean hasStringCharacters() {
    return false;
  }

  @Override
  public @Nullable String currentName() {
    if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
      SimpleStreamReadContext parent = context.getParent();
      return parent == null ? null : parent.currentName();
    }
    return context.currentName();
  }

  @Override
  public @Nullable Object getEmbeddedObject() {
    return _currToken == JsonToken.VALUE_EMBEDDED_OBJECT ? embedded : null;
  }

  @Override
  public byte[] getBinaryValue(Base64Variant variant) throws JacksonException {
    if (_currToken == JsonToken.VALUE_EMBEDDED_OBJECT && embedded instanceof byte[] bytes) {
      return bytes;
    }
    if (_currToken == JsonToken.VALUE_STRING && text != null) {
      try {
        return variant.decode(text);
      } catch (IllegalArgumentException e) {
        throw new StreamReadException(this, "Invalid base64 string: " + e.getMessage(), e);
      }
    }
    throw new StreamReadException(this, "Current token (" + _currToken + ") is not binary data");
  }

  private void requireNumber() {
    if (numberType == NR_NONE) {
      throw _constructNotNumericType(_currToken, 0);
    }
  }

  @Override
  public NumberType getNumberType() {
    requireNumber();
    return switch (numberType) {
      case NR_I -> NumberType.INT;
      case NR_L -> NumberType.LONG;
      case NR_BIG -> NumberType.BIG_INTEGER;
      default -> NumberType.DOUBLE;
    };
  }

  @Override
  public NumberTypeFP getNumberTypeFP() {
    return numberType == NR_D ? NumberTypeFP.DOUBLE64 : NumberTypeFP.UNKNOWN;
  }

  @Override
  public Number getNumberValue() {
    requireNumber();
    return switch (numberType) {
      case NR_I -> intValue;
      case NR_L -> longValue;
      case NR_BIG -> bigValue;
      default -> doubleValue;
    };
  }

  @Override
  public int getIntValue() throws InputCoercionException {
    requireNumber();
    switch (numberType) {
      case NR_I:
        return intValue;
      case NR_L:
        _reportOverflowInt(String.valueOf(longValue));
        return 0;
      case NR_BIG:
        if (bigValue.bitLength() > 31) {
          _reportOverflowInt(bigValue.toString());
        }
        return bigValue.intValue();
      default:
        if (!(doubleValue >= MIN_INT_D && doubleValue <= MAX_INT_D)) {
          _reportOverflowInt(String.valueOf(doubleValue));
        }
        return (int) doubleValue;
    }
  }

  @Override
  public long getLongValue() throws InputCoercionException {
    requireNumber();
    switch (numberType) {
      case NR_I:
        return intValue;
      case NR_L:
        return longValue;
      case NR_BIG:
        if (bigValue.bitLength() > 63) {
          _reportOverflowLong(bigValue.toString());
        }
        return bigValue.longValue();
      default:
        if (!(doubleValue >= MIN_LONG_D && doubleValue < MAX_LONG_D)) {
          _reportOverflowLong(String.valueOf(doubleValue));
        }
        return (long) doubleValue;
    }
  }

  @Override
  public BigInteger getBigIntegerValue() throws InputCoercionException {
    requireNumber();
    return switch (numberType) {
      case NR_I -> BigInteger.valueOf(intValue);
      case NR_L -> BigInteger.valueOf(longValue);
      case NR_BIG -> bigValue;
      default -> getDecimalValue().toBigInteger();
    };
  }

  @Override
  public double getDoubleValue() throws InputCoercionException {
    requireNumber();
    return switch (numberType) {
      case NR_I -> intValue;
      case NR_L -> longValue;
      case NR_BIG -> bigValue.doubleValue();
      default -> doubleValue;
    };
  }

  @Override
  public float getFloatValue() throws InputCoercionException {
    return (float) getDoubleValue();
  }

  @Override
  public BigDecimal getDecimalValue() throws InputCoercionException {
    requireNumber();
    switch (numberType) {
      case NR_I:
        return BigDecimal.valueOf(intValue);
      case NR_L:
        return BigDecimal.valueOf(longValue);
      case NR_BIG:
        return new BigDecimal(bigValue);
      default:
        if (!Double.isFinite(doubleValue)) {
          throw new InputCoercionException(this, "Cannot convert " + doubleValue + " to BigDecimal",
              JsonToken.VALUE_NUMBER_FLOAT, BigDecimal.class);
        }
        return BigDecimal.valueOf(doubleValue);
    }
  }

  @Override
  public boolean isNaN() {
    return numberType == NR_D && !Double.isFinite(doubleValue);
  }

  @Override
  public TokenStreamContext streamReadContext() {
    return context;
  }

  @Override
  public @Nullable Object currentValue() {
    return context.currentValue();
  }

  @Override
  public void assignCurrentValue(@Nullable Object v) {
    context.assignCurrentValue(v);
  }

  @Override
  public TokenStreamLocation currentLocation() {
    return new TokenStreamLocation(_ioContext.contentReference(), in.position() - offset, -1, -1);
  }

  @Override
  public TokenStreamLocation currentTokenLocation() {
    return new TokenStreamLocation(_ioContext.contentReference(), tokenPos - offset, -1, -1);
  }

  @Override
  public Object streamReadInputSource() {
    return data;
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  protected void _handleEOF() {}

  @Override
  protected void _closeInput() {}

  @Override
  protected void _releaseBuffers() {}
}
