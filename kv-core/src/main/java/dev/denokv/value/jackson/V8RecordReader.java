package dev.denokv.value.jackson;

import dev.denokv.error.KvCodecException;
import dev.denokv.value.v8.internal.V8Input;
import dev.denokv.value.v8.internal.V8Tags;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads V8 values straight into Java records, without Jackson's token stream, for the records whose
 * reading through the mapper it can reproduce exactly: records without Jackson annotations whose
 * components are strings, {@code int}, {@code long}, {@code double}, {@code boolean} (and their
 * wrappers), {@link Instant}, {@code List} or {@code Collection} of such, {@code Map<String, …>} of
 * such, or such records; read by a mapper left at its defaults (no modules beyond {@link V8Module},
 * no mix-ins, naming strategy or changed features).
 *
 * <p>A value is read directly only in the shapes a writer of plain data produces (JS objects with
 * string keys, dense arrays, strings, int32 numbers and integral doubles where a whole number is
 * wanted, dates). Anything else (a back-reference, a string where a number is wanted, a missing
 * primitive, a wrapper object, malformed input) makes {@link #read} answer {@link #NOT_READ}, and the
 * caller reads the value through the mapper, which converts or rejects it as it always does: both
 * ways give the same result.
 */
public final class V8RecordReader {

  /** What {@link #read} answers when the value must be read through the mapper. */
  public static final Object NOT_READ = new Object();

  private static final Plan INELIGIBLE = new Plan(Object.class);

  private static final int STRING = 0;
  private static final int INT = 1;
  private static final int INT_BOX = 2;
  private static final int LONG = 3;
  private static final int LONG_BOX = 4;
  private static final int DOUBLE = 5;
  private static final int DOUBLE_BOX = 6;
  private static final int BOOLEAN = 7;
  private static final int BOOLEAN_BOX = 8;
  private static final int INSTANT = 9;
  private static final int LIST = 10;
  private static final int MAP = 11;
  private static final int RECORD = 12;

  /** The kinds of the component types read without a plan of their own. */
  private static final Map<Class<?>, Integer> SCALARS = Map.ofEntries(
      Map.entry(String.class, STRING), Map.entry(int.class, INT), Map.entry(Integer.class, INT_BOX),
      Map.entry(long.class, LONG), Map.entry(Long.class, LONG_BOX), Map.entry(double.class, DOUBLE),
      Map.entry(Double.class, DOUBLE_BOX), Map.entry(boolean.class, BOOLEAN),
      Map.entry(Boolean.class, BOOLEAN_BOX), Map.entry(Instant.class, INSTANT));

  /** Raised, without a stack trace, where the direct reading stops and the mapper takes over. */
  private static final class Bail extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bail() {
      super(null, null, false, false);
    }
  }

  private static final Bail BAIL = new Bail();

  /** How one value of a component, element or map value is read. */
  private static final class Node {
    final int kind;
    final @Nullable Node content;
    @Nullable Plan plan;

    Node(int kind, @Nullable Node content, @Nullable Plan plan) {
      this.kind = kind;
      this.content = content;
      this.plan = plan;
    }
  }

  /** A record class: its components' names (also as Latin-1 bytes), readers and constructor. */
  private static final class Plan {
    final Class<?> type;
    String[] names = new String[0];
    byte[][] latin1Names = new byte[0][];
    Node[] nodes = new Node[0];
    boolean[] primitive = new boolean[0];
    @Nullable Constructor<?> constructor;

    Plan(Class<?> type) {
      this.type = type;
    }

    int index(byte[] buf, int from, int length, int hint) {
      if (hint < latin1Names.length && matches(latin1Names[hint], buf, from, length)) {
        return hint;
      }
      for (int i = 0; i < latin1Names.length; i++) {
        if (i != hint && matches(latin1Names[i], buf, from, length)) {
          return i;
        }
      }
      return -1;
    }

    int index(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static boolean matches(byte @Nullable [] name, byte[] buf, int from, int length) {
      if (name == null || name.length != length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (name[i] != buf[from + i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final boolean enabled;
  private final boolean floatToInt;
  private final boolean floatToLong;
  private final @Nullable DeserializationConfig config;
  private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

  /** A reader for the values {@code mapper} reads; reads nothing directly unless the mapper is at its defaults. */
  public V8RecordReader(V8Mapper mapper) {
    DeserializationConfig cfg = mapper.deserializationConfig();
    DeserializationConfig defaults = DEFAULT_CONFIG;
    boolean onlyV8Module = true;
    for (JacksonModule module : mapper.registeredModules()) {
      onlyV8Module &= module instanceof V8Module;
    }
    this.enabled = onlyV8Module
        && cfg.getDeserializationFeatures() == defaults.getDeserializationFeatures()
        && sameFeatures(cfg, defaults)
        && cfg.getPropertyNamingStrategy() == null
        && cfg.getDefaultNullHandling().equals(defaults.getDefaultNullHandling());
    this.config = enabled ? cfg : null;
    this.floatToInt = cfg.findCoercionAction(LogicalType.Integer, Integer.class, CoercionInputShape.Float)
        == CoercionAction.TryConvert;
    this.floatToLong = cfg.findCoercionAction(LogicalType.Integer, Long.class, CoercionInputShape.Float)
        == CoercionAction.TryConvert;
  }

  private static final DeserializationConfig DEFAULT_CONFIG = V8Mapper.builder().build().deserializationConfig();

  private static boolean sameFeatures(DeserializationConfig a, DeserializationConfig b) {
    for (MapperFeature f : MapperFeature.values()) {
      if (a.isEnabled(f) != b.isEnabled(f)) {
        return false;
      }
    }
    for (DateTimeFeature f : DateTimeFeature.values()) {
      if (a.isEnabled(f) != b.isEnabled(f)) {
        return false;
      }
    }
    for (EnumFeature f : EnumFeature.values()) {
      if (a.isEnabled(f) != b.isEnabled(f)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the mapper reads {@code c} as it reads it by default: no mix-in, no per-type settings. */
  private boolean unconfigured(Class<?> c) {
    return config != null && (c.isPrimitive()
        || (config.findMixInClassFor(c) == null && config.findConfigOverride(c) == null));
  }

  /** Whether values of {@code type} may be read directly (others always answer {@link #NOT_READ}). */
  public boolean supports(Class<?> type) {
    return enabled && plan(type) != INELIGIBLE;
  }

  /**
   * The value in {@code data} (a whole V8 value with its header) as a {@code type}, or
   * {@link #NOT_READ} when it must be read through the mapper.
   */
  public @Nullable Object read(byte[] data, Class<?> type) {
    if (!enabled) {
      return NOT_READ;
    }
    Plan plan = plan(type);
    if (plan == INELIGIBLE) {
      return NOT_READ;
    }
    try {
      Cursor c = new Cursor(data);
      c.header();
      if (c.tag() != V8Tags.BEGIN_JS_OBJECT) {
        return NOT_READ;
      }
      return c.record(plan, 0);
    } catch (Bail | KvCodecException | ArrayIndexOutOfBoundsException e) {
      return NOT_READ;
    }
  }

  // ---------------------------------------------------------------- plans

  private Plan plan(Class<?> type) {
    Plan plan = plans.get(type);
    if (plan == null) {
      synchronized (plans) {
        plan = plans.get(type);
        if (plan == null) {
          Map<Class<?>, Plan> building = new LinkedHashMap<>();
          plan = build(type, building);
          plans.putAll(building);
          plans.put(type, plan);
        }
      }
    }
    return plan;
  }

  /** The plan of {@code type}, with the plans of the records inside it collected in {@code building}. */
  private Plan build(Class<?> type, Map<Class<?>, Plan> building) {
    Plan known = plans.get(type);
    if (known != null) {
      return known;
    }
    Plan inProgress = building.get(type);
    if (inProgress != null) {
      return inProgress;
    }
    if (!type.isRecord() || hasJacksonAnnotations(type) || !unconfigured(type)) {
      return INELIGIBLE;
    }
    Plan plan = new Plan(type);
    building.put(type, plan);
    RecordComponent[] components = type.getRecordComponents();
    if (components.length > 64) {
      return markIneligible(type, building);
    }
    Class<?>[] parameterTypes = new Class<?>[components.length];
    String[] names = new String[components.length];
    byte[][] latin1 = new byte[components.length][];
    Node[] nodes = new Node[components.length];
    boolean[] primitive = new boolean[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      if (hasJacksonAnnotations(rc) || hasJacksonAnnotations(rc.getAccessor())) {
        return markIneligible(type, building);
      }
      Node node = node(rc.getGenericType(), building);
      if (node == null) {
        return markIneligible(type, building);
      }
      parameterTypes[i] = rc.getType();
      names[i] = rc.getName();
      latin1[i] = isLatin1(names[i]) ? names[i].getBytes(StandardCharsets.ISO_8859_1) : null;
      nodes[i] = node;
      primitive[i] = rc.getType().isPrimitive();
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
      if (hasJacksonAnnotations(constructor) || constructor.getAnnotation(java.beans.ConstructorProperties.class) != null) {
        return markIneligible(type, building);
      }
      for (java.lang.reflect.Parameter p : constructor.getParameters()) {
        if (hasJacksonAnnotations(p)) {
          return markIneligible(type, building);
        }
      }
      for (Constructor<?> other : type.getDeclaredConstructors()) {
        if (hasJacksonAnnotations(other)) {
          return markIneligible(type, building);
        }
      }
      for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
        if (java.lang.reflect.Modifier.isStatic(m.getModifiers()) && hasJacksonAnnotations(m)) {
          return markIneligible(type, building); // a factory creator
        }
      }
      constructor.setAccessible(true);
      plan.constructor = constructor;
    } catch (NoSuchMethodException | RuntimeException e) {
      return markIneligible(type, building);
    }
    plan.names = names;
    plan.latin1Names = latin1;
    plan.nodes = nodes;
    plan.primitive = primitive;
    return plan;
  }

  private static Plan markIneligible(Class<?> type, Map<Class<?>, Plan> building) {
    // Records that referred to this one while it was being built are ineligible as well.
    building.clear();
    building.put(type, INELIGIBLE);
    return INELIGIBLE;
  }

  private @Nullable Node node(Type type, Map<Class<?>, Plan> building) {
    if (type instanceof Class<?> c) {
      if (!unconfigured(c)) {
        return null;
      }
      Integer scalar = SCALARS.get(c);
      if (scalar != null) {
        return new Node(scalar, null, null);
      }
      if (c.isRecord()) {
        Plan plan = build(c, building);
        return plan == INELIGIBLE ? null : new Node(RECORD, null, plan);
      }
      return null;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (!unconfigured(raw) || !unconfigured(ArrayList.class) || !unconfigured(LinkedHashMap.class)) {
        return null;
      }
      if ((raw == List.class || raw == Collection.class) && args.length == 1) {
        Node content = node(args[0], building);
        return content == null || isPrimitiveNode(content) ? null : new Node(LIST, content, null);
      }
      if (raw == Map.class && args.length == 2 && args[0] == String.class) {
        Node content = node(args[1], building);
        return content == null || isPrimitiveNode(content) ? null : new Node(MAP, content, null);
      }
    }
    return null;
  }

  private static boolean isPrimitiveNode(Node n) {
    return n.kind == INT || n.kind == LONG || n.kind == DOUBLE || n.kind == BOOLEAN;
  }

  private static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasJacksonAnnotations(AnnotatedElement element) {
    for (Annotation a : element.getAnnotations()) {
      if (isJackson(a.annotationType())) {
        return true;
      }
      for (Annotation meta : a.annotationType().getAnnotations()) {
        if (isJackson(meta.annotationType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isJackson(Class<?> annotationType) {
    String name = annotationType.getName();
    return name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson.");
  }

  // ---------------------------------------------------------------- reading

  /** One pass over a value; every surprise is a {@link Bail}. */
  private final class Cursor {
    private final byte[] buf;
    private final int end;
    private int pos;
    private int version;

    Cursor(byte[] buf) {
      this.buf = buf;
      this.end = buf.length;
    }

    void header() {
      if (end < 2 || buf[0] != V8Tags.VERSION) {
        throw BAIL;
      }
      pos = 1;
      version = varint();
      if (version < V8Tags.MIN_READ_VERSION || version > V8Tags.VERSION_16) {
        throw BAIL;
      }
    }

    /** Skips padding and consumes the next tag. */
    byte tag() {
      byte b;
      do {
        if (pos >= end) {
          throw BAIL;
        }
        b = buf[pos++];
      } while (b == V8Tags.PADDING);
      return b;
    }

    int varint() {
      int result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        if (pos >= end) {
          throw BAIL;
        }
        byte b = buf[pos++];
        result |= (b & 0x7F) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw BAIL;
    }

    int length() {
      int n = varint();
      if (n < 0 || n > end - pos) {
        throw BAIL;
      }
      return n;
    }

    double doubleBits() {
      if (end - pos < 8) {
        throw BAIL;
      }
      long bits = 0;
      for (int i = 7; i >= 0; i--) {
        bits = (bits << 8) | (buf[pos + i] & 0xFF);
      }
      pos += 8;
      return Double.longBitsToDouble(bits);
    }

    /** Reads the properties of an object whose begin tag was read into a new {@code plan} record. */
    Object record(Plan plan, int depth) {
      if (depth > 100) {
        throw BAIL;
      }
      int n = plan.nodes.length;
      Object[] args = new Object[n];
      long seen = 0;
      int properties = 0;
      while (true) {
        byte tag = tag();
        if (tag == V8Tags.END_JS_OBJECT) {
          if (varint() != properties) {
            throw BAIL;
          }
          break;
        }
        int index;
        if (tag == V8Tags.ONE_BYTE_STRING) {
          int len = length();
          index = plan.index(buf, pos, len, properties);
          pos += len;
        } else if (tag == V8Tags.TWO_BYTE_STRING) {
          index = plan.index(twoByte());
        } else if (tag == V8Tags.UTF8_STRING) {
          index = plan.index(utf8());
        } else {
          throw BAIL;
        }
        properties++;
        if (index < 0) {
          skip(depth);
          continue;
        }
        if ((seen & (1L << index)) != 0) {
          throw BAIL;
        }
        seen |= 1L << index;
        args[index] = value(plan.nodes[index], depth + 1);
      }
      if (seen != (n == 64 ? -1L : (1L << n) - 1)) {
        for (int i = 0; i < n; i++) {
          if ((seen & (1L << i)) == 0 && plan.primitive[i]) {
            throw BAIL; // the mapper rejects a missing primitive
          }
        }
      }
      try {
        return plan.constructor.newInstance(args);
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException
          | IllegalArgumentException e) {
        throw BAIL; // the mapper reports what the constructor threw
      }
    }

    @Nullable Object value(Node node, int depth) {
      byte tag = tag();
      switch (node.kind) {
        case STRING:
          switch (tag) {
            case V8Tags.ONE_BYTE_STRING: {
              int len = length();
              String s = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
              pos += len;
              return s;
            }
            case V8Tags.TWO_BYTE_STRING:
              return twoByte();
            case V8Tags.UTF8_STRING:
              return utf8();
            case V8Tags.NULL:
            case V8Tags.UNDEFINED:
              return null;
            default:
              throw BAIL;
          }
        case INT:
        case INT_BOX: {
          if (tag == V8Tags.INT32) {
            return zigzag();
          }
          if (node.kind == INT_BOX && isAbsent(tag)) {
            return null;
          }
          if (tag == V8Tags.DOUBLE && floatToInt) {
            double d = doubleBits();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
              return (int) d;
            }
          }
          throw BAIL;
        }
        case LONG:
        case LONG_BOX: {
          if (tag == V8Tags.INT32) {
            return (long) zigzag();
          }
          if (tag == V8Tags.UINT32) {
            return Integer.toUnsignedLong(varint());
          }
          if (node.kind == LONG_BOX && isAbsent(tag)) {
            return null;
          }
          if (tag == V8Tags.DOUBLE && floatToLong) {
            double d = doubleBits();
            if (d == Math.rint(d) && Math.abs(d) <= 9.007199254740992E15) {
              return (long) d;
            }
          }
          throw BAIL;
        }
        case DOUBLE:
        case DOUBLE_BOX: {
          if (tag == V8Tags.DOUBLE) {
            return doubleBits();
          }
          if (tag == V8Tags.INT32) {
            return (double) zigzag();
          }
          if (tag == V8Tags.UINT32) {
            return (double) Integer.toUnsignedLong(varint());
          }
          if (node.kind == DOUBLE_BOX && isAbsent(tag)) {
            return null;
          }
          throw BAIL;
        }
        case BOOLEAN:
        case BOOLEAN_BOX: {
          if (tag == V8Tags.TRUE) {
            return Boolean.TRUE;
          }
          if (tag == V8Tags.FALSE) {
            return Boolean.FALSE;
          }
          if (node.kind == BOOLEAN_BOX && isAbsent(tag)) {
            return null;
          }
          throw BAIL;
        }
        case INSTANT:
          return tag == V8Tags.DATE ? JsDates.toInstant(doubleBits()) : absent(tag);
        case LIST:
          return tag == V8Tags.BEGIN_DENSE_ARRAY ? denseArray(node.content, depth) : absent(tag);
        case MAP:
          return tag == V8Tags.BEGIN_JS_OBJECT ? map(node.content, depth) : absent(tag);
        default:
          return tag == V8Tags.BEGIN_JS_OBJECT ? record(node.plan, depth) : absent(tag);
      }
    }

    /** Whether {@code tag} is JavaScript's null or undefined, read as an absent value. */
    private static boolean isAbsent(int tag) {
      return tag == V8Tags.NULL || tag == V8Tags.UNDEFINED;
    }

    /** Null where the value is absent; anything else is left to the mapper. */
    private static @Nullable Object absent(int tag) {
      if (isAbsent(tag)) {
        return null;
      }
      throw BAIL;
    }

    private List<@Nullable Object> denseArray(Node content, int depth) {
      if (depth > 100) {
        throw BAIL;
      }
      int length = length();
      ArrayList<@Nullable Object> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        if (pos < end && buf[pos] == V8Tags.THE_HOLE) {
          pos++;
          out.add(null);
        } else {
          out.add(value(content, depth + 1));
        }
      }
      if (tag() != V8Tags.END_DENSE_ARRAY || varint() != 0 || varint() != length) {
        throw BAIL; // named properties, or a malformed end: the mapper skips or rejects them
      }
      return out;
    }

    private Map<String, @Nullable Object> map(Node content, int depth) {
      if (depth > 100) {
        throw BAIL;
      }
      LinkedHashMap<String, @Nullable Object> out = new LinkedHashMap<>();
      int properties = 0;
      while (true) {
        byte tag = tag();
        if (tag == V8Tags.END_JS_OBJECT) {
          if (varint() != properties) {
            throw BAIL;
          }
          return out;
        }
        String key;
        switch (tag) {
          case V8Tags.ONE_BYTE_STRING: {
            int len = length();
            key = new String(buf, pos, len, StandardCharsets.ISO_8859_1);
            pos += len;
            break;
          }
          case V8Tags.TWO_BYTE_STRING:
            key = twoByte();
            break;
          case V8Tags.UTF8_STRING:
            key = utf8();
            break;
          default:
            throw BAIL;
        }
        properties++;
        if (out.containsKey(key)) {
          throw BAIL;
        }
        out.put(key, value(content, depth + 1));
      }
    }

    private int zigzag() {
      int u = varint();
      return (u >>> 1) ^ -(u & 1);
    }

    private String twoByte() {
      int byteLength = length();
      if ((byteLength & 1) != 0) {
        throw BAIL;
      }
      char[] chars = new char[byteLength >> 1];
      int p = pos;
      for (int i = 0; i < chars.length; i++, p += 2) {
        chars[i] = (char) ((buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8);
      }
      pos = p;
      return new String(chars);
    }

    private String utf8() {
      V8Input in = new V8Input(buf, pos, end - pos);
      String s = in.readUtf8String();
      pos = in.position();
      return s;
    }

    /** Skips the value of a property no component takes, as the mapper ignores it. */
    private void skip(int depth) {
      pos = new V8Scanner(buf, 0, end, version, 100).skip(pos, depth);
    }
  }
}
