package dev.denokv.value.v8;

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
import dev.denokv.value.JsObject;
import dev.denokv.value.JsObjectValue;
import dev.denokv.value.JsRegExp;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsString;
import dev.denokv.value.JsStringObject;
import dev.denokv.value.JsUndefined;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.internal.V8Output;
import dev.denokv.value.v8.internal.V8Tags;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes a {@link JsValue} in the V8 format exactly as Deno 2.9.6's V8 would write the same JS
 * value: int32 numbers as {@code I}, others as doubles; one-byte strings when every code unit fits,
 * else two-byte strings with alignment padding; index keys first, as numbers; arrays in their
 * {@link JsArray.Form}; BigInts in whole 64-bit words; errors as prototype, message, stack, cause;
 * a view's whole buffer before the view; object ids in write order, with {@code ^id} for an object
 * written before. An immutable buffer is written with tag {@code C}, which Deno 2.9.6 reads but
 * older V8 releases (such as Node 20's) do not.
 *
 * <p>A dense-form array with more than {@link #MAX_DENSE_HOLES} holes is written sparse, so that
 * a huge {@code length} cannot blow up the output. Values nested deeper than
 * {@link V8Reader#MAX_DEPTH} are rejected. A writer writes one value; it is not thread-safe.
 */
public final class V8Writer {

  /** The most holes a dense-form array is written with. */
  public static final long MAX_DENSE_HOLES = 65_536;

  private static final long U32_MAX = 0xFFFF_FFFFL;
  private static final int INT32_MAX = Integer.MAX_VALUE;

  private final int version;
  private final V8Output out = new V8Output();
  private final IdentityHashMap<JsObjectValue, Integer> ids = new IdentityHashMap<>();
  private int depth;

  /** A writer of format version {@code version}: 15 (read by every Deno and by Node) or 16. */
  public V8Writer(int version) {
    if (version != V8Tags.VERSION_15 && version != V8Tags.VERSION_16) {
      throw new KvInvalidArgumentException("Unsupported V8 format version " + version + " (15 or 16)");
    }
    this.version = version;
  }

  /** The header and {@code value}. */
  public byte[] write(JsValue value) {
    out.writeHeader(version);
    try {
      writeValue(value);
    } catch (StackOverflowError e) {
      // Only possible on a thread with a very small stack: MAX_DEPTH bounds the recursion.
      throw new KvInvalidArgumentException("Value nested too deeply for this thread's stack");
    }
    return out.toByteArray();
  }

  private void writeValue(JsValue value) {
    if (++depth > V8Reader.MAX_DEPTH) {
      throw new KvInvalidArgumentException("Value nested deeper than " + V8Reader.MAX_DEPTH + " levels");
    }
    try {
      if (value instanceof JsObjectValue object) {
        writeObjectValue(object);
      } else {
        writePrimitive(value);
      }
    } finally {
      depth--;
    }
  }

  private void writePrimitive(JsValue value) {
    if (value instanceof JsUndefined) {
      out.writeByte(V8Tags.UNDEFINED);
    } else if (value instanceof JsNull) {
      out.writeByte(V8Tags.NULL);
    } else if (value instanceof JsBoolean b) {
      out.writeByte(b.value() ? V8Tags.TRUE : V8Tags.FALSE);
    } else if (value instanceof JsNumber n) {
      out.writeNumber(n.value());
    } else if (value instanceof JsBigInt b) {
      out.writeByte(V8Tags.BIGINT);
      out.writeBigIntPayload(b.value());
    } else {
      out.writeString(((JsString) value).value());
    }
  }

  private void writeObjectValue(JsObjectValue object) {
    if (object instanceof JsArrayBufferView view && !ids.containsKey(view)) {
      writeValue(view.buffer());
    }
    Integer id = ids.get(object);
    if (id != null) {
      out.writeByte(V8Tags.OBJECT_REFERENCE);
      out.writeVarint(id);
      return;
    }
    ids.put(object, ids.size());
    if (object instanceof JsObject o) {
      writeObject(o);
    } else if (object instanceof JsArray a) {
      writeArray(a);
    } else if (object instanceof JsDate d) {
      out.writeByte(V8Tags.DATE);
      out.writeDouble(d.epochMillis());
    } else if (object instanceof JsRegExp r) {
      out.writeByte(V8Tags.REGEXP);
      out.writeString(r.source());
      out.writeVarint(r.flagBits());
    } else if (object instanceof JsMap m) {
      writeMap(m);
    } else if (object instanceof JsSet s) {
      out.writeByte(V8Tags.BEGIN_SET);
      s.values().forEach(this::writeValue);
      out.writeByte(V8Tags.END_SET);
      out.writeVarint(s.size());
    } else if (object instanceof JsArrayBuffer b) {
      writeBuffer(b);
    } else if (object instanceof JsArrayBufferView v) {
      writeViewHeader(v);
    } else if (object instanceof JsBooleanObject b) {
      out.writeByte(b.value() ? V8Tags.TRUE_OBJECT : V8Tags.FALSE_OBJECT);
    } else if (object instanceof JsNumberObject n) {
      out.writeByte(V8Tags.NUMBER_OBJECT);
      out.writeDouble(n.value());
    } else if (object instanceof JsBigIntObject b) {
      out.writeByte(V8Tags.BIGINT_OBJECT);
      out.writeBigIntPayload(b.value());
    } else if (object instanceof JsStringObject s) {
      out.writeByte(V8Tags.STRING_OBJECT);
      out.writeString(s.value());
    } else if (object instanceof JsError e) {
      writeError(e);
    } else {
      out.writeByte(V8Tags.HOST_OBJECT);
      out.writeVarint(U32_MAX);
      writeValue(((JsHostObject) object).metadata());
    }
  }

  private void writeIndexKey(long index) {
    if (index <= INT32_MAX) {
      out.writeByte(V8Tags.INT32);
      out.writeZigZag32((int) index);
    } else {
      out.writeByte(V8Tags.DOUBLE);
      out.writeDouble(index);
    }
  }

  private void writeNamed(Map<String, JsValue> properties) {
    properties.forEach((key, value) -> {
      out.writeString(key);
      writeValue(value);
    });
  }

  private void writeObject(JsObject object) {
    out.writeByte(V8Tags.BEGIN_JS_OBJECT);
    object.indexedProperties().forEach((index, value) -> {
      writeIndexKey(index);
      writeValue(value);
    });
    writeNamed(object.namedProperties());
    out.writeByte(V8Tags.END_JS_OBJECT);
    out.writeVarint(object.size());
  }

  private void writeArray(JsArray array) {
    long length = array.length();
    int named = array.properties().size();
    boolean dense = array.form() == JsArray.Form.DENSE
        && length - array.elements().size() <= MAX_DENSE_HOLES;
    if (dense) {
      out.writeByte(V8Tags.BEGIN_DENSE_ARRAY);
      out.writeVarint(length);
      for (long i = 0; i < length; i++) {
        JsValue element = array.element(i);
        if (element == null) {
          out.writeByte(V8Tags.THE_HOLE);
        } else {
          writeValue(element);
        }
      }
      writeNamed(array.properties());
      out.writeByte(V8Tags.END_DENSE_ARRAY);
      out.writeVarint(named);
    } else {
      out.writeByte(V8Tags.BEGIN_SPARSE_ARRAY);
      out.writeVarint(length);
      array.elements().forEach((index, value) -> {
        writeIndexKey(index);
        writeValue(value);
      });
      writeNamed(array.properties());
      out.writeByte(V8Tags.END_SPARSE_ARRAY);
      out.writeVarint(array.elements().size() + named);
    }
    out.writeVarint(length);
  }

  private void writeMap(JsMap map) {
    out.writeByte(V8Tags.BEGIN_MAP);
    map.entries().forEach((key, value) -> {
      writeValue(key);
      writeValue(value);
    });
    out.writeByte(V8Tags.END_MAP);
    out.writeVarint(2L * map.size());
  }

  private void writeBuffer(JsArrayBuffer buffer) {
    byte[] data = buffer.data();
    if (buffer.isResizable()) {
      if (version < V8Tags.VERSION_16 && buffer.maxByteLength() > U32_MAX) {
        throw new KvInvalidArgumentException(
            "maxByteLength " + buffer.maxByteLength() + " needs format version 16");
      }
      out.writeByte(V8Tags.RESIZABLE_ARRAY_BUFFER);
      out.writeVarint(data.length);
      out.writeVarint(buffer.maxByteLength());
    } else {
      out.writeByte(buffer.isImmutable() ? V8Tags.IMMUTABLE_ARRAY_BUFFER : V8Tags.ARRAY_BUFFER);
      out.writeVarint(data.length);
    }
    out.writeBytes(data, 0, data.length);
  }

  private void writeViewHeader(JsArrayBufferView view) {
    out.writeByte(V8Tags.ARRAY_BUFFER_VIEW);
    out.writeByte(view.kind().tag());
    out.writeVarint(view.byteOffset());
    out.writeVarint(view.isLengthTracking() ? 0 : view.byteLength());
    int flags = (view.isLengthTracking() ? 1 : 0) | (view.buffer().isResizable() ? 2 : 0);
    out.writeVarint(flags);
  }

  private void writeError(JsError error) {
    out.writeByte(V8Tags.ERROR);
    if (error.type() != JsErrorType.ERROR) {
      out.writeByte(error.type().tag());
    }
    String message = error.message();
    if (message != null) {
      out.writeByte('m');
      out.writeString(message);
    }
    String stack = error.stack();
    if (stack != null) {
      out.writeByte('s');
      out.writeString(stack);
    }
    JsValue cause = error.cause();
    if (cause != null) {
      out.writeByte('c');
      writeValue(cause);
    }
    out.writeByte('.');
  }
}
