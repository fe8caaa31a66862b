package dev.denokv.value.v8;

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
import dev.denokv.value.JsViewKind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random JS value trees from a seed: every kind of value, with shared references,
 * cycles, views sharing buffers, holes, index keys, two-byte strings and special numbers.
 */
final class RandomValues {

  private static final double[] SPECIAL_NUMBERS = {
      0, -0.0, 1, -1, 42, 0.5, -2.5, Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648.0,
      -2147483649.0, 9007199254740992.0, Double.NaN, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 1.5e-7, 3.14159};
  private static final String[] FLAGS = {"", "g", "gi", "dgimsuy", "v", "sy", "m"};

  private final Random random;
  private final List<JsObjectValue> objects = new ArrayList<>();
  private final List<JsArrayBuffer> buffers = new ArrayList<>();
  private final List<JsObjectValue> ancestors = new ArrayList<>();

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  JsValue next(int maxDepth) {
    objects.clear();
    buffers.clear();
    ancestors.clear();
    return value(maxDepth);
  }

  private JsValue value(int depth) {
    if (depth <= 0 || random.nextInt(3) == 0) {
      return primitive();
    }
    if (!objects.isEmpty() && random.nextInt(12) == 0) {
      return objects.get(random.nextInt(objects.size()));
    }
    if (!ancestors.isEmpty() && random.nextInt(20) == 0) {
      return ancestors.get(random.nextInt(ancestors.size()));
    }
    return switch (random.nextInt(14)) {
      case 0, 1 -> object(depth);
      case 2, 3 -> array(depth);
      case 4 -> keep(new JsDate(random.nextBoolean() ? random.nextInt() * 1000.0 : Double.NaN));
      case 5 -> keep(new JsRegExp(string(), FLAGS[random.nextInt(FLAGS.length)]));
      case 6 -> map(depth);
      case 7 -> set(depth);
      case 8 -> keep(buffer());
      case 9 -> view();
      case 10 -> wrapper();
      case 11 -> error(depth);
      case 12 -> host(depth);
      default -> primitive();
    };
  }

  private <T extends JsObjectValue> T keep(T object) {
    objects.add(object);
    return object;
  }

  JsValue primitive() {
    return switch (random.nextInt(8)) {
      case 0 -> JsUndefined.INSTANCE;
      case 1 -> JsNull.INSTANCE;
      case 2 -> JsBoolean.of(random.nextBoolean());
      case 3 -> new JsNumber(number());
      case 4 -> new JsBigInt(bigInteger());
      default -> new JsString(string());
    };
  }

  private double number() {
    return switch (random.nextInt(4)) {
      case 0 -> SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
      case 1 -> random.nextInt(2000) - 1000;
      case 2 -> random.nextGaussian() * 1e6;
      default -> {
        // Any bit pattern; NaN payloads are not kept by JS, so use the canonical NaN.
        double d = Double.longBitsToDouble(random.nextLong());
        yield Double.isNaN(d) ? Double.NaN : d;
      }
    };
  }

  private BigInteger bigInteger() {
    BigInteger b = new BigInteger(random.nextInt(200), random);
    return random.nextBoolean() ? b.negate() : b;
  }

  String string() {
    int n = random.nextInt(random.nextInt(10) == 0 ? 150 : 8);
    StringBuilder sb = new StringBuilder();
    int mode = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(switch (mode) {
        case 0 -> (char) ('a' + random.nextInt(26));
        case 1 -> (char) random.nextInt(0x100);
        case 2 -> (char) random.nextInt(0x10000);
        default -> random.nextBoolean() ? "😮".charAt(i % 2) : (char) (0x3a9 + random.nextInt(3));
      });
    }
    return sb.toString();
  }

  private String key() {
    return switch (random.nextInt(6)) {
      case 0 -> Integer.toString(random.nextInt(20));
      case 1 -> Long.toString(2147483640L + random.nextInt(10));
      case 2 -> random.nextBoolean() ? "4294967294" : "4294967295";
      case 3 -> random.nextBoolean() ? "-1" : "01";
      default -> string();
    };
  }

  private JsObject object(int depth) {
    JsObject o = keep(new JsObject());
    ancestors.add(o);
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      o.put(key(), value(depth - 1));
    }
    ancestors.remove(ancestors.size() - 1);
    return o;
  }

  private JsArray array(int depth) {
    JsArray a = keep(new JsArray());
    ancestors.add(a);
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      a.add(value(depth - 1));
    }
    switch (random.nextInt(6)) {
      case 0 -> a.set(n + random.nextInt(3), value(depth - 1));
      case 1 -> a.delete(random.nextInt(n + 1));
      case 2 -> a.setLength(n + random.nextInt(5));
      case 3 -> a.set(random.nextInt(2_000_000), primitive());
      default -> { }
    }
    if (random.nextInt(4) == 0) {
      a.putProperty(string() + "x", value(depth - 1));
    }
    if (random.nextInt(8) == 0) {
      a.setForm(random.nextBoolean() ? JsArray.Form.DENSE : JsArray.Form.SPARSE);
      if (a.form() == JsArray.Form.DENSE && a.length() - a.elements().size() > 100) {
        a.setForm(JsArray.Form.SPARSE);
      }
    }
    ancestors.remove(ancestors.size() - 1);
    return a;
  }

  private JsMap map(int depth) {
    JsMap m = keep(new JsMap());
    ancestors.add(m);
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      m.put(value(depth - 1), value(depth - 1));
    }
    ancestors.remove(ancestors.size() - 1);
    return m;
  }

  private JsSet set(int depth) {
    JsSet s = keep(new JsSet());
    ancestors.add(s);
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.add(value(depth - 1));
    }
    ancestors.remove(ancestors.size() - 1);
    return s;
  }

  private JsArrayBuffer buffer() {
    byte[] data = new byte[random.nextInt(3) * 8];
    random.nextBytes(data);
    JsArrayBuffer b = switch (random.nextInt(5)) {
      case 0 -> JsArrayBuffer.resizable(data, data.length + random.nextInt(64));
      case 1 -> JsArrayBuffer.immutable(data);
      default -> JsArrayBuffer.of(data);
    };
    buffers.add(b);
    return b;
  }

  private JsValue view() {
    JsArrayBuffer buffer = !buffers.isEmpty() && random.nextBoolean()
        ? buffers.get(random.nextInt(buffers.size())) : buffer();
    JsViewKind kind = JsViewKind.values()[random.nextInt(JsViewKind.values().length)];
    int size = kind.elementSize();
    int slots = buffer.byteLength() / size;
    int offsetSlots = slots == 0 ? 0 : random.nextInt(slots + 1);
    if (buffer.isResizable() && random.nextBoolean()) {
      return keep(JsArrayBufferView.lengthTracking(kind, buffer, (long) offsetSlots * size));
    }
    int lengthSlots = random.nextInt(slots - offsetSlots + 1);
    return keep(JsArrayBufferView.of(kind, buffer, (long) offsetSlots * size, (long) lengthSlots * size));
  }

  private JsValue wrapper() {
    return keep(switch (random.nextInt(4)) {
      case 0 -> new JsBooleanObject(random.nextBoolean());
      case 1 -> new JsNumberObject(number());
      case 2 -> new JsBigIntObject(bigInteger());
      default -> new JsStringObject(string());
    });
  }

  private JsError error(int depth) {
    JsErrorType type = JsErrorType.values()[random.nextInt(JsErrorType.values().length)];
    JsError e = keep(new JsError(type, random.nextBoolean() ? string() : null));
    ancestors.add(e);
    if (random.nextBoolean()) {
      e.setStack(string());
    }
    switch (random.nextInt(4)) {
      case 0 -> e.setCause(value(depth - 1));
      case 1 -> e.setCause(JsUndefined.INSTANCE);
      case 2 -> e.setCause(e);
      default -> { }
    }
    ancestors.remove(ancestors.size() - 1);
    return e;
  }

  private JsHostObject host(int depth) {
    JsHostObject h = keep(new JsHostObject(JsUndefined.INSTANCE));
    JsObject metadata = JsObject.builder().put("type", "DOMException").put("message", string()).build();
    if (random.nextBoolean()) {
      metadata.put("extra", value(depth - 1));
    }
    h.setMetadata(metadata);
    return h;
  }
}
