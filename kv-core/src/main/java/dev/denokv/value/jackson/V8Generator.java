package dev.denokv.value.jackson;

import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteCapability;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.Version;
import tools.jackson.core.base.GeneratorBase;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.JacksonFeatureSet;
import tools.jackson.core.util.SimpleStreamWriteContext;

/**
 * Writes one JS value in the V8 serialization format, as Deno KV stores values.
 *
 * <ul>
 *   <li>Objects become plain JS objects ({@code o … { count}); keys that are array indices
 *       ({@code "0"} … {@code "4294967294"}) are written as numbers and moved before the other keys in
 *       ascending order, as V8 orders them. Other keys keep their order.
 *   <li>Arrays become dense JS arrays ({@code A len … $ 0 len}); when the size is not announced the
 *       length is patched in at the end, with two-byte-string padding kept byte-exact.
 *   <li>{@code int} and {@code long} values in the int32 range are {@code I}; other integral values
 *       are doubles ({@code N}) when a double holds them exactly, otherwise the write is rejected
 *       (a JS number cannot hold them; use {@link BigInteger} for a JS BigInt).
 *   <li>{@code float}s are written as the double of their shortest decimal form (0.1f is 0.1),
 *       {@link BigDecimal}s as the nearest double, {@link BigInteger}s as BigInts ({@code Z}).
 *   <li>Binary values become {@code Uint8Array}s; {@link #writeDate} writes a JS {@code Date}.
 * </ul>
 *
 * <p>The whole value is buffered (Deno KV values are at most 64 KiB) and written to the target
 * when the generator is flushed after the root value or closed.
 */
public final class V8Generator extends GeneratorBase {

  private static final double TWO_POW_63 = 0x1p63;

  private final @Nullable OutputStream target;
  private final V8Output out = new V8Output(256);
  private final TwoByteSlots slots = new TwoByteSlots();
  private SimpleStreamWriteContext context;
  private Frame[] frames = new Frame[16];
  private int depth;
  private boolean rootWritten;
  private int flushed;

  V8Generator(ObjectWriteContext writeContext, IOContext ioContext, int streamWriteFeatures,
      @Nullable OutputStream target, int formatVersion) {
    super(writeContext, ioContext, streamWriteFeatures);
    this.target = target;
    this.context = SimpleStreamWriteContext.createRootContext(null);
    out.writeHeader(formatVersion);
  }

  /** The bytes written so far, the header included. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  // ---------------------------------------------------------------- containers

  private static final class Frame {
    boolean array;
    int count;
    // arrays
    int lengthPos;
    int reservedBytes;
    int declaredSize;
    // objects
    int bodyStart;
    long lastIndex;
    boolean sawStringKey;
    boolean reorder;
    boolean indexEntryOpen;
    int indexCount;
    long[] indexKeys = new long[0];
    int[] indexRanges = new int[0];
  }

  private Frame push(boolean array) {
    _streamWriteConstraints.validateNestingDepth(depth + 1);
    if (depth == frames.length) {
      frames = Arrays.copyOf(frames, depth * 2);
    }
    Frame f = frames[depth];
    if (f == null) {
      f = new Frame();
      frames[depth] = f;
    }
    depth++;
    f.array = array;
    f.count = 0;
    f.lastIndex = -1;
    f.sawStringKey = false;
    f.reorder = false;
    f.indexEntryOpen = false;
    f.indexCount = 0;
    return f;
  }

  private void pop() {
    depth--;
    context = context.clearAndGetParent();
    if (depth == 0) {
      slots.clear();
    }
  }

  @Override
  public JsonGenerator writeStartArray() throws JacksonException {
    return writeStartArray(null, -1);
  }

  @Override
  public JsonGenerator writeStartArray(@Nullable Object currentValue) throws JacksonException {
    return writeStartArray(currentValue, -1);
  }

  @Override
  public JsonGenerator writeStartArray(@Nullable Object currentValue, int size) throws JacksonException {
    _verifyValueWrite("start an array");
    context = context.createChildArrayContext(currentValue);
    Frame f = push(true);
    out.writeByte(V8Tags.BEGIN_DENSE_ARRAY);
    f.lengthPos = out.position();
    f.declaredSize = size;
    int announced = Math.max(size, 0);
    out.writeVarint(announced);
    f.reservedBytes = V8Output.varintSize(announced);
    return this;
  }

  @Override
  public JsonGenerator writeEndArray() throws JacksonException {
    if (!context.inArray() || depth == 0) {
      return _reportError("Current context not an array but " + context.typeDesc());
    }
    Frame f = frames[depth - 1];
    int n = f.count;
    if (n != f.declaredSize) {
      int size = V8Output.varintSize(n);
      if (size == f.reservedBytes) {
        out.overwriteVarint(f.lengthPos, n);
      } else {
        V8Output prefix = new V8Output(8);
        prefix.writeVarint(n);
        int[] chunk = {f.lengthPos + f.reservedBytes, out.position()};
        slots.rewrite(out, f.lengthPos, prefix.toByteArray(), chunk, 1);
      }
    }
    out.writeByte(V8Tags.END_DENSE_ARRAY);
    out.writeVarint(0);
    out.writeVarint(n);
    pop();
    return this;
  }

  @Override
  public JsonGenerator writeStartObject() throws JacksonException {
    return writeStartObject(null);
  }

  @Override
  public JsonGenerator writeStartObject(@Nullable Object currentValue) throws JacksonException {
    _verifyValueWrite("start an object");
    context = context.createChildObjectContext(currentValue);
    Frame f = push(false);
    out.writeByte(V8Tags.BEGIN_JS_OBJECT);
    f.bodyStart = out.position();
    return this;
  }

  @Override
  public JsonGenerator writeStartObject(@Nullable Object currentValue, int size) throws JacksonException {
    return writeStartObject(currentValue);
  }

  @Override
  public JsonGenerator writeEndObject() throws JacksonException {
    if (!context.inObject() || depth == 0) {
      return _reportError("Current context not an object but " + context.typeDesc());
    }
    Frame f = frames[depth - 1];
    closeIndexEntry(f);
    if (f.reorder) {
      putIndexKeysFirst(f);
    }
    out.writeByte(V8Tags.END_JS_OBJECT);
    out.writeVarint(f.count);
    pop();
    return this;
  }

  private void closeIndexEntry(Frame f) {
    if (f.indexEntryOpen) {
      f.indexRanges[2 * f.indexCount - 1] = out.position();
      f.indexEntryOpen = false;
    }
  }

  /** Moves the integer-index entries before the others, ascending, keeping every other entry's order. */
  private void putIndexKeysFirst(Frame f) {
    int n = f.indexCount;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(f.indexKeys[a], f.indexKeys[b]));
    int[] chunks = new int[2 * (2 * n + 1)];
    int c = 0;
    for (int i : order) {
      chunks[c++] = f.indexRanges[2 * i];
      chunks[c++] = f.indexRanges[2 * i + 1];
    }
    int cursor = f.bodyStart;
    for (int i = 0; i < n; i++) {
      int start = f.indexRanges[2 * i];
      if (start > cursor) {
        chunks[c++] = cursor;
        chunks[c++] = start;
      }
      cursor = f.indexRanges[2 * i + 1];
    }
    if (out.position() > cursor) {
      chunks[c++] = cursor;
      chunks[c++] = out.position();
    }
    slots.rewrite(out, f.bodyStart, new byte[0], chunks, c / 2);
  }

  // ---------------------------------------------------------------- property names

  @Override
  public JsonGenerator writeName(String name) throws JacksonException {
    long index = arrayIndex(name);
    startProperty(name, index);
    if (index < 0) {
      int p = out.position();
      out.writeString(name);
      slots.recordIfTwoByte(out, p);
    }
    return this;
  }

  @Override
  public JsonGenerator writePropertyId(long id) throws JacksonException {
    if (id >= 0 && id <= MAX_ARRAY_INDEX) {
      startProperty(Long.toString(id), id);
    } else {
      String name = Long.toString(id);
      startProperty(name, -1);
      out.writeString(name);
    }
    return this;
  }

  private void startProperty(String name, long index) {
    if (!context.writeName(name)) {
      _reportError("Can not write a property name, expecting a value");
    }
    Frame f = frames[depth - 1];
    closeIndexEntry(f);
    f.count++;
    if (index < 0) {
      f.sawStringKey = true;
      return;
    }
    if (f.sawStringKey || index <= f.lastIndex) {
      f.reorder = true;
    }
    f.lastIndex = Math.max(f.lastIndex, index);
    if (2 * f.indexCount + 2 > f.indexRanges.length) {
      int capacity = Math.max(4, f.indexCount * 2);
      f.indexRanges = Arrays.copyOf(f.indexRanges, 2 * capacity);
      f.indexKeys = Arrays.copyOf(f.indexKeys, capacity);
    }
    f.indexKeys[f.indexCount] = index;
    f.indexRanges[2 * f.indexCount] = out.position();
    f.indexCount++;
    f.indexEntryOpen = true;
    if (index <= Integer.MAX_VALUE) {
      out.writeByte(V8Tags.INT32);
      out.writeZigZag32((int) index);
    } else {
      out.writeByte(V8Tags.DOUBLE);
      out.writeDouble(index);
    }
  }

  /** The largest array index, 2^32 - 2. */
  static final long MAX_ARRAY_INDEX = 4_294_967_294L;

  /** The array index a key denotes (a canonical decimal integer up to 2^32 - 2), or -1. */
  static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10) {
      return -1;
    }
    char first = key.charAt(0);
    if (first < '0' || first > '9' || (first == '0' && n > 1)) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= MAX_ARRAY_INDEX ? value : -1;
  }

  // ---------------------------------------------------------------- scalars

  @Override
  public JsonGenerator writeString(String text) throws JacksonException {
    if (text == null) {
      return writeNull();
    }
    _verifyValueWrite(WRITE_STRING);
    int p = out.position();
    out.writeString(text);
    slots.recordIfTwoByte(out, p);
    return this;
  }

  @Override
  public JsonGenerator writeString(char[] buffer, int offset, int len) throws JacksonException {
    _checkRangeBoundsForCharArray(buffer, offset, len);
    return writeString(new String(buffer, offset, len));
  }

  @Override
  public JsonGenerator writeRawUTF8String(byte[] buffer, int offset, int len) throws JacksonException {
    return writeUTF8String(buffer, offset, len);
  }

  @Override
  public JsonGenerator writeUTF8String(byte[] buffer, int offset, int len) throws JacksonException {
    _checkRangeBoundsForByteArray(buffer, offset, len);
    return writeString(new String(buffer, offset, len, StandardCharsets.UTF_8));
  }

  @Override
  public JsonGenerator writeBoolean(boolean state) throws JacksonException {
    _verifyValueWrite(WRITE_BOOLEAN);
    out.writeByte(state ? V8Tags.TRUE : V8Tags.FALSE);
    return this;
  }

  @Override
  public JsonGenerator writeNull() throws JacksonException {
    _verifyValueWrite(WRITE_NULL);
    out.writeByte(V8Tags.NULL);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(short v) throws JacksonException {
    return writeNumber((int) v);
  }

  @Override
  public JsonGenerator writeNumber(int v) throws JacksonException {
    _verifyValueWrite(WRITE_NUMBER);
    out.writeByte(V8Tags.INT32);
    out.writeZigZag32(v);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(long v) throws JacksonException {
    if (v == (int) v) {
      return writeNumber((int) v);
    }
    double d = v;
    if (d == TWO_POW_63 || (long) d != v) {
      return _reportError("Long value " + v + " cannot be written as a JS number without losing"
          + " precision (a JS number is a double); use BigInteger to write a JS BigInt");
    }
    _verifyValueWrite(WRITE_NUMBER);
    out.writeByte(V8Tags.DOUBLE);
    out.writeDouble(d);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(BigInteger v) throws JacksonException {
    if (v == null) {
      return writeNull();
    }
    _verifyValueWrite(WRITE_NUMBER);
    out.writeByte(V8Tags.BIGINT);
    out.writeBigIntPayload(v);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(double v) throws JacksonException {
    _verifyValueWrite(WRITE_NUMBER);
    out.writeNumber(v);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(float v) throws JacksonException {
    return writeNumber(Float.isFinite(v) ? Double.parseDouble(Float.toString(v)) : (double) v);
  }

  @Override
  public JsonGenerator writeNumber(BigDecimal v) throws JacksonException {
    if (v == null) {
      return writeNull();
    }
    return writeNumber(v.doubleValue());
  }

  @Override
  public JsonGenerator writeNumber(String encodedValue) throws JacksonException {
    if (encodedValue == null) {
      return writeNull();
    }
    try {
      return writeNumber(Double.parseDouble(encodedValue));
    } catch (NumberFormatException e) {
      return _reportError("Not a number: '" + encodedValue + "'");
    }
  }

  @Override
  public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws JacksonException {
    if (data == null) {
      return writeNull();
    }
    _checkRangeBoundsForByteArray(data, offset, len);
    _verifyValueWrite(WRITE_BINARY);
    out.writeByte(V8Tags.ARRAY_BUFFER);
    out.writeVarint(len);
    out.writeBytes(data, offset, len);
    out.writeByte(V8Tags.ARRAY_BUFFER_VIEW);
    out.writeByte('B');
    out.writeVarint(0);
    out.writeVarint(len);
    out.writeVarint(0);
    return this;
  }

  /**
   * Writes a JS {@code Date} holding {@code epochMillis}; NaN writes an Invalid Date. Values beyond
   * the JS Date range (±8.64e15 ms) are rejected.
   */
  public JsonGenerator writeDate(double epochMillis) throws JacksonException {
    if (Math.abs(epochMillis) > JsDates.MAX_MILLIS) {
      return _reportError("Date " + epochMillis + " ms is outside the JS Date range (±8.64e15 ms)");
    }
    _verifyValueWrite("write a Date");
    out.writeByte(V8Tags.DATE);
    out.writeDouble(epochMillis);
    return this;
  }

  /**
   * Writes {@code byte[]} as a {@code Uint8Array}, {@code Instant}, {@code Date}, {@code Calendar},
   * {@code OffsetDateTime} and {@code ZonedDateTime} as a JS {@code Date}, null as null.
   */
  @Override
  public JsonGenerator writeEmbeddedObject(@Nullable Object object) throws JacksonException {
    if (object == null) {
      return writeNull();
    }
    if (object instanceof byte[] bytes) {
      return writeBinary(bytes);
    }
    Double millis = JsDates.toEpochMillis(object);
    if (millis != null) {
      return writeDate(millis);
    }
    return _reportError("No native V8 representation for embedded " + object.getClass().getName());
  }

  @Override
  public JsonGenerator writeRaw(String text) throws JacksonException {
    return _reportUnsupportedOperation("V8 values have no raw form");
  }

  @Override
  public JsonGenerator writeRaw(String text, int offset, int len) throws JacksonException {
    return _reportUnsupportedOperation("V8 values have no raw form");
  }

  @Override
  public JsonGenerator writeRaw(char[] text, int offset, int len) throws JacksonException {
    return _reportUnsupportedOperation("V8 values have no raw form");
  }

  @Override
  public JsonGenerator writeRaw(char c) throws JacksonException {
    return _reportUnsupportedOperation("V8 values have no raw form");
  }

  // ---------------------------------------------------------------- state

  @Override
  protected void _verifyValueWrite(String typeMsg) throws JacksonException {
    if (!context.writeValue()) {
      _reportError("Can not " + typeMsg + ", expecting a property name");
    }
    if (depth == 0) {
      if (rootWritten) {
        _reportError("Can not " + typeMsg + ": a V8 value holds exactly one root value");
      }
      rootWritten = true;
    } else {
      Frame f = frames[depth - 1];
      if (f.array) {
        f.count++;
      }
    }
  }

  @Override
  public TokenStreamContext streamWriteContext() {
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

  /**
   * Does not claim {@link StreamWriteCapability#CAN_WRITE_BINARY_NATIVELY}, so that values Jackson
   * writes as binary only for such formats (UUIDs) stay strings, as JS code expects; {@code byte[]}
   * is still written as a {@code Uint8Array}.
   */
  @Override
  public JacksonFeatureSet<StreamWriteCapability> streamWriteCapabilities() {
    return DEFAULT_WRITE_CAPABILITIES;
  }

  @Override
  public @Nullable Object streamWriteOutputTarget() {
    return target;
  }

  @Override
  public int streamWriteOutputBuffered() {
    return out.position() - flushed;
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  /** Writes the buffered bytes to the target once the root value is complete. */
  @Override
  public void flush() {
    if (depth == 0 && rootWritten) {
      drain();
      if (target != null && isEnabled(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)) {
        try {
          target.flush();
        } catch (IOException e) {
          throw _wrapIOFailure(e);
        }
      }
    }
  }

  private void drain() {
    if (target == null || flushed == out.position()) {
      return;
    }
    try {
      int end = out.position();
      target.write(out.copyOfRange(flushed, end));
      flushed = end;
    } catch (IOException e) {
      throw _wrapIOFailure(e);
    }
  }

  @Override
  public void close() {
    if (!isClosed()) {
      if (isEnabled(StreamWriteFeature.AUTO_CLOSE_CONTENT)) {
        while (depth > 0) {
          if (context.inArray()) {
            writeEndArray();
          } else {
            writeEndObject();
          }
        }
      }
      if (depth == 0) {
        drain();
      }
    }
    super.close();
  }

  @Override
  protected void _closeInput() throws IOException {
    if (target == null) {
      return;
    }
    if (_ioContext.isResourceManaged() || isEnabled(StreamWriteFeature.AUTO_CLOSE_TARGET)) {
      target.close();
    } else if (isEnabled(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)) {
      target.flush();
    }
  }

  @Override
  protected void _releaseBuffers() {}
}
