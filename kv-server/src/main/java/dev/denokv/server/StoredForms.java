package dev.denokv.server;

import dev.denokv.error.KvCodecException;
import dev.denokv.key.KeyCodec;
import dev.denokv.value.JsArray;
import dev.denokv.value.JsError;
import dev.denokv.value.JsHostObject;
import dev.denokv.value.JsMap;
import dev.denokv.value.JsObject;
import dev.denokv.value.JsSet;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.V8Codec;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether bytes a client sends are in the forms Deno stores, so that nothing the server writes
 * keeps any client from reading the database afterwards. Keys are decoded with {@link KeyCodec},
 * values with the V8 reader ({@link V8Codec}), which apply Deno's own rules; on top of the reader,
 * a host object must be of a type Deno registers (Deno aborts on any other).
 */
final class StoredForms {

  /** The host-object types Deno 2.9 rebuilds when it reads a value. */
  static final Set<String> DENO_HOST_OBJECT_TYPES = Set.of(
      "DOMException", "CryptoKey", "NodeCryptoKeyObject", "X509Certificate",
      "EventLoopDelayHistogram", "RecordableHistogram", "Blob", "File");

  /** V8's host-object tag; a value without this byte holds no host object. */
  private static final byte HOST_OBJECT_TAG = '\\';

  private StoredForms() {}

  /** Why {@code key} is not a Deno key, or null if it is one. */
  static @Nullable String keyProblem(byte[] key) {
    try {
      KeyCodec.decode(key);
      return null;
    } catch (KvCodecException e) {
      return e.getMessage();
    }
  }

  /**
   * Why {@code bound} is not a range bound as clients send them, or null: a key, or a key followed
   * by {@code 0x00} (just after it: a prefix's start, a cursor) or {@code 0xff} (a prefix's end).
   */
  static @Nullable String rangeBoundProblem(byte[] bound) {
    int n = bound.length;
    boolean suffixed = n > 0 && (bound[n - 1] == 0x00 || bound[n - 1] == (byte) 0xff);
    // Try the likelier reading first, so that a valid bound costs no exception: a key's last part
    // ends in 0x00 when it is a string or bytes, so 0x00 0x00 is most often such a key plus 0x00
    // (a point read's end), a lone 0x00 most often the key itself, and 0xff a prefix's end.
    if (suffixed && (bound[n - 1] == (byte) 0xff || (n > 1 && bound[n - 2] == 0x00)) && isKey(bound, n - 1)) {
      return null;
    }
    String problem = keyProblem(bound);
    if (problem == null || !suffixed) {
      return problem;
    }
    return isKey(bound, n - 1) ? null : problem;
  }

  private static boolean isKey(byte[] bytes, int length) {
    try {
      KeyCodec.decode(bytes, 0, length);
      return true;
    } catch (KvCodecException e) {
      return false;
    }
  }

  /** Why {@code data} is not a V8 value Deno can read, or null if it is one. */
  static @Nullable String v8Problem(byte[] data) {
    JsValue value;
    try {
      value = V8Codec.decode(data);
    } catch (KvCodecException e) {
      return e.getMessage();
    }
    return mayHoldHostObject(data) ? hostObjectProblem(value) : null;
  }

  private static boolean mayHoldHostObject(byte[] data) {
    for (byte b : data) {
      if (b == HOST_OBJECT_TAG) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String hostObjectProblem(JsValue root) {
    Set<JsValue> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<JsValue> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      JsValue v = todo.pop();
      if (!seen.add(v)) {
        continue;
      }
      if (v instanceof JsHostObject h) {
        String type = h.type();
        if (type == null || !DENO_HOST_OBJECT_TYPES.contains(type)) {
          return "a host object of a type Deno does not know (" + type + ")";
        }
        todo.push(h.metadata());
      } else if (v instanceof JsArray a) {
        todo.addAll(a.elements().values());
        todo.addAll(a.properties().values());
      } else if (v instanceof JsObject o) {
        o.entries().forEach(e -> todo.push(e.getValue()));
      } else if (v instanceof JsMap m) {
        m.entries().forEach((k, val) -> {
          todo.push(k);
          todo.push(val);
        });
      } else if (v instanceof JsSet s) {
        todo.addAll(s.values());
      } else if (v instanceof JsError e && e.cause() != null) {
        todo.push(e.cause());
      }
    }
    return null;
  }
}
