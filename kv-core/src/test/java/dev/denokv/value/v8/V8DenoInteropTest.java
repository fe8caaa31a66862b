package dev.denokv.value.v8;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import dev.denokv.value.JsValue;
import dev.denokv.value.v8.CraftedInputs.Input;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Byte compatibility with the real Deno 2.9.6 binary (one process for everything) and Node's
 * {@code v8.deserialize} (one process): Deno-written values decode in Java to what Deno reads;
 * Java-written values (versions 15 and 16) are read by Deno as the values Java meant; Deno and
 * this reader agree on crafted inputs; Node reads Java's version-15 output.
 */
class V8DenoInteropTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HexFormat HEX = HexFormat.of();

  /** Values Deno serializes, as JS expressions; all are ordinary values V8 writes canonically. */
  private static final Map<String, String> DENO_VALUES = denoValues();

  private static final Map<String, JsValue> JAVA_VALUES = JavaSamples.all();

  /** Values Node 20's V8 (format 15, no Float16Array) cannot read, with the reason. */
  private static final Set<String> NODE_UNREADABLE = Set.of(
      "view Float16Array", // Node 20 has no Float16Array: unknown view sub-tag 'h'
      "immutable array buffer", // tag 'C' is newer than V8 11.3
      "DOMException",      // Deno's host-object form is Deno's own
      "error caused by itself"); // V8 11.3 numbers an error only after reading its cause

  /** Doubles whose JS string form (used for numeric property keys) Java must reproduce. */
  private static final double[] NUMBERS = numbers();

  private static JsonNode deno;
  private static JsonNode node;

  private static Map<String, String> denoValues() {
    Map<String, String> v = new LinkedHashMap<>();
    String[] expressions = {
        "undefined", "null", "true", "false", "0", "-0", "1", "-1", "2 ** 31", "2 ** 53", "0.1", "NaN",
        "Infinity", "-Infinity", "5e-324", "0n", "12345678901234567890n", "-(2n ** 130n)",
        "\"\"", "\"ascii\"", "\"café\"", "\"Ω\".repeat(100)", "\"a😮b\"", "\"x\\ud800\"", "\"x\".repeat(300)",
        "({ a: 1, b: \"two\", c: [1, 2, 3] })", "({ b: 1, 2: \"x\", a: 2, 0: \"z\" })",
        "({ 4294967294: \"max\", 4294967295: \"not\", \"-1\": 1, \"01\": 2 })",
        "[]", "[1, \"a\", null, undefined, true]", "[1, , 3]", "new Array(3)",
        "(() => { const a = []; a[5000] = 1; return a; })()",
        "(() => { const a = [1, 2]; a.p = \"q\"; return a; })()",
        "(() => { const a = [, \"b\"]; a.p = 1; return a; })()",
        "new Date(1700000000123)", "new Date(NaN)", "/a+b/gi", "/x/dgimsuy", "/[\\p{L}--[a-z]]/v", "/é😀/u",
        "new Map([[\"k\", 1], [{ o: 1 }, [2]]])", "new Set([1, \"a\", {}])",
        "new Uint8Array([1, 2, 3]).buffer",
        "(() => { const b = new ArrayBuffer(4, { maxByteLength: 16 }); new Uint8Array(b).set([9, 8, 7, 6]); return b; })()",
        "[new Int8Array([-1, 1])]", "[new Uint8ClampedArray([255, 0])]", "[new Int16Array([-2, 3])]",
        "[new Uint16Array([65535])]", "[new Int32Array([1, -1])]", "[new Uint32Array([4294967295])]",
        "[new Float16Array([1.5])]", "[new Float32Array([1.5])]", "[new Float64Array([Math.PI])]",
        "[new BigInt64Array([-1n])]", "[new BigUint64Array([2n ** 64n - 1n])]",
        "new DataView(new Uint8Array([10, 11, 12, 13]).buffer, 1, 2)",
        "[new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).subarray(2, 5)]",
        "(() => { const b = new Uint8Array([1, 2, 3, 4]).buffer; return [new Uint8Array(b), new Uint16Array(b, 2, 1), b]; })()",
        "[new Uint8Array(new ArrayBuffer(2, { maxByteLength: 8 }))]",
        "[new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 }), 1, 2)]",
        "new Number(-0)", "new String(\"s😀\")", "new Boolean(false)", "Object(10n)",
        "Object.assign(new TypeError(\"t\"), { stack: \"TypeError\" })",
        "Object.assign(new Error(\"u\", { cause: undefined }), { stack: \"S\" })",
        "(() => { const e = new RangeError(\"self\"); e.stack = \"s\"; e.cause = e; return e; })()",
        "Object.assign(new Error(), { stack: undefined })",
        "(() => { const s = { z: 1 }; return { a: s, b: s }; })()",
        "(() => { const o = { name: \"self\" }; o.self = o; return o; })()",
        "(() => { const d = new DOMException(\"msg\", \"AbortError\"); d.stack = \"fixed\"; return d; })()",
        "({ c: new Deno.KvU64(5n) })",
    };
    for (String e : expressions) {
      v.put(e, e);
    }
    return v;
  }

  private static double[] numbers() {
    java.util.Random random = new java.util.Random(7);
    double[] fixed = {0, 1, -1, 1.5, 0.1, 1e21, 1e20, 1.2e-7, 1e-6, 123.456, 4294967294.0, 4294967295.0,
        Double.MIN_VALUE, Double.MAX_VALUE, 2.5e-324, 9007199254740993.0, 0.3, 2e-7, 123e-20};
    double[] out = new double[fixed.length + 300];
    System.arraycopy(fixed, 0, out, 0, fixed.length);
    for (int i = fixed.length; i < out.length; i++) {
      double d;
      do {
        d = switch (i % 3) {
          case 0 -> Double.longBitsToDouble(random.nextLong());
          case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
          default -> (double) random.nextInt() / (1 + random.nextInt(1000));
        };
      } while (!Double.isFinite(d));
      out[i] = d;
    }
    return out;
  }

  private static String describeScript() {
    try (InputStream in = V8DenoInteropTest.class.getResourceAsStream("/interop/describe-value.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, String>> encodedJavaValues(boolean withVersion16) {
    List<Map<String, String>> out = new ArrayList<>();
    JAVA_VALUES.forEach((name, value) -> {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("v15", HEX.formatHex(V8Codec.encode(value, 15)));
      if (withVersion16) {
        m.put("v16", HEX.formatHex(V8Codec.encode(value, 16)));
      }
      out.add(m);
    });
    return out;
  }

  @BeforeAll
  static void runPeers() {
    List<Map<String, String>> crafted = new ArrayList<>();
    for (Input input : CraftedInputs.ALL) {
      if (input.deno() == CraftedInputs.Deno.PANICS) {
        continue;
      }
      crafted.add(Map.of("name", input.name(), "hex", input.hex().replace(" ", "")));
    }
    StringBuilder denoList = new StringBuilder("[");
    DENO_VALUES.forEach((name, js) -> denoList.append("[").append(JSON.writeValueAsString(name))
        .append(", () => (").append(js).append(")],\n"));
    denoList.append("]");
    String denoScript = describeScript() + """
        const core = Deno[Deno.internal].core;
        // The options kv.get uses: storage mode, with the registered host-object deserializers.
        const opts = { forStorage: true, deserializers: core.getCloneableDeserializers() };
        const javaValues = %s;
        const crafted = %s;
        const denoValues = %s;
        const numbers = %s;
        const out = { version: Deno.version.deno, fromJava: {}, crafted: {}, fromDeno: [],
                      numberStrings: numbers.map((n) => String(n)) };
        const read = (hex) => { try { return describeValue(core.deserialize(fromHex(hex), opts)); }
                                catch (e) { return { error: String(e) }; } };
        const again = (hex) => { try { return toHex(core.serialize(core.deserialize(fromHex(hex), opts), opts)); }
                                 catch (e) { return String(e); } };
        for (const { name, v15, v16 } of javaValues) {
          out.fromJava[name] = { v15: read(v15), v16: read(v16), reserialized: again(v16) };
        }
        for (const { name, hex } of crafted) {
          const value = read(hex);
          out.crafted[name] = "error" in value ? { verdict: "rejected" } : { verdict: "accepted", value };
        }
        for (const [name, make] of denoValues) {
          const bytes = core.serialize(make(), opts);
          out.fromDeno.push({ name, hex: toHex(bytes), expected: describeValue(core.deserialize(bytes, opts)) });
        }
        console.log(JSON.stringify(out));
        """.formatted(JSON.writeValueAsString(encodedJavaValues(true)), JSON.writeValueAsString(crafted), denoList,
            JSON.writeValueAsString(NUMBERS));
    deno = JSON.readTree(Peers.deno(denoScript).orThrow());

    String nodeScript = describeScript() + """
        import v8 from "node:v8";
        const javaValues = %s;
        const out = { version: process.version, fromJava: {} };
        for (const { name, v15 } of javaValues) {
          try { out.fromJava[name] = describeValue(v8.deserialize(Buffer.from(v15, "hex"))); }
          catch (e) { out.fromJava[name] = { error: String(e) }; }
        }
        console.log(JSON.stringify(out));
        """.formatted(JSON.writeValueAsString(encodedJavaValues(false)));
    node = JSON.readTree(Peers.node(nodeScript, Map.of(), 60).orThrow());
  }

  @Test
  void theRealDenoRan() {
    assertThat(deno.get("version").asString()).isEqualTo("2.9.6");
    assertThat(deno.get("fromDeno").size()).isEqualTo(DENO_VALUES.size());
  }

  @Test
  void javaDecodesWhatDenoWritesAndReEncodesItByteForByte() {
    for (JsonNode entry : deno.get("fromDeno").values()) {
      String name = entry.get("name").asString();
      byte[] bytes = HEX.parseHex(entry.get("hex").asString());
      JsValue value;
      try {
        value = V8Codec.decode(bytes);
        Descriptors.assertMatches(entry.get("expected"), value);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(name + " (" + entry.get("hex").asString() + "): " + e.getMessage(), e);
      }
      assertThat(HEX.formatHex(V8Codec.encode(value, 16))).as(name).isEqualTo(entry.get("hex").asString());
    }
  }

  @Test
  void numbersPrintAsDenoPrintsThem() {
    JsonNode strings = deno.get("numberStrings");
    for (int i = 0; i < NUMBERS.length; i++) {
      assertThat(dev.denokv.value.JsNumbers.toJsString(NUMBERS[i])).as("String(%s)", NUMBERS[i])
          .isEqualTo(strings.get(i).asString());
    }
  }

  @Test
  void coreSerializeWritesWhatKvStores() {
    Map<String, String> stored = new LinkedHashMap<>();
    V8Vectors.v8().forEach(v -> stored.put(v.js(), HEX.formatHex(v.bytes())));
    int compared = 0;
    for (JsonNode entry : deno.get("fromDeno").values()) {
      String js = entry.get("name").asString();
      if (stored.containsKey(js) && !js.contains("Error")) {
        assertThat(entry.get("hex").asString()).as(js).isEqualTo(stored.get(js));
        compared++;
      }
    }
    assertThat(compared).isGreaterThanOrEqualTo(20);
  }

  @Test
  void denoReadsJavaVersion15And16AsTheValuesJavaMeant() {
    JsonNode fromJava = deno.get("fromJava");
    JAVA_VALUES.forEach((name, value) -> {
      for (String version : List.of("v15", "v16")) {
        JsonNode described = fromJava.get(name).get(version);
        assertThat(described.has("error")).as(name + " " + version + ": " + described).isFalse();
        try {
          Descriptors.assertMatches(described, value);
        } catch (AssertionError e) {
          throw new AssertionError(name + " " + version + ": " + e.getMessage() + "\nDeno read: " + described, e);
        }
      }
    });
  }

  @Test
  void denoAndTheReaderAgreeOnCraftedInputsAndTheirValues() {
    Set<String> disagreements = new TreeSet<>();
    for (Input input : CraftedInputs.ALL) {
      if (input.deno() == CraftedInputs.Deno.PANICS) {
        continue;
      }
      String ours = input.problem() == null ? "accepted" : "rejected";
      JsonNode verdict = deno.get("crafted").get(input.name());
      if (!ours.equals(verdict.get("verdict").asString())) {
        disagreements.add(input.name());
      } else if (input.problem() == null) {
        try {
          Descriptors.assertMatches(verdict.get("value"), V8Codec.decode(input.bytes()));
        } catch (AssertionError e) {
          throw new AssertionError(input.name() + ": " + e.getMessage() + "\nDeno read: " + verdict.get("value"), e);
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    CraftedInputs.ALL.stream().filter(i -> i.deno() == CraftedInputs.Deno.DIFFERS).forEach(i -> documented.add(i.name()));
    assertThat(disagreements).isEqualTo(documented);
  }

  /**
   * Deno reads Java's bytes and writes them back exactly as Java writes the same value, except that
   * V8 gives every array it deserializes holey elements, so Deno writes it back in the sparse form.
   */
  @Test
  void denoWritesBackJavasBytesWithArraysMadeSparse() {
    int arrays = 0;
    for (Map.Entry<String, JsValue> e : JAVA_VALUES.entrySet()) {
      String reserialized = deno.get("fromJava").get(e.getKey()).get("reserialized").asString();
      JsValue copy = V8Codec.decode(V8Codec.encode(e.getValue(), 16));
      if (makeArraysSparse(copy, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()))) {
        arrays++;
      }
      assertThat(reserialized).as(e.getKey()).isEqualTo(HEX.formatHex(V8Codec.encode(copy, 16)));
    }
    assertThat(arrays).isGreaterThan(10);
  }

  /** Sets every array reachable from {@code value} to the sparse form; true if there was one. */
  private static boolean makeArraysSparse(JsValue value, Set<JsValue> seen) {
    if (!(value instanceof dev.denokv.value.JsObjectValue) || !seen.add(value)) {
      return false;
    }
    boolean found = false;
    List<JsValue> children = new ArrayList<>();
    if (value instanceof dev.denokv.value.JsArray a) {
      a.setForm(dev.denokv.value.JsArray.Form.SPARSE);
      found = true;
      children.addAll(a.elements().values());
      children.addAll(a.properties().values());
    } else if (value instanceof dev.denokv.value.JsObject o) {
      o.entries().forEach(en -> children.add(en.getValue()));
    } else if (value instanceof dev.denokv.value.JsMap m) {
      m.entries().forEach((k, v) -> {
        children.add(k);
        children.add(v);
      });
    } else if (value instanceof dev.denokv.value.JsSet set) {
      children.addAll(set.values());
    } else if (value instanceof dev.denokv.value.JsError err && err.cause() != null) {
      children.add(err.cause());
    } else if (value instanceof dev.denokv.value.JsHostObject h) {
      children.add(h.metadata());
    }
    for (JsValue child : children) {
      found |= makeArraysSparse(child, seen);
    }
    return found;
  }

  @Test
  void nodeReadsJavaVersion15() {
    assertThat(node.get("version").asString()).startsWith("v");
    Set<String> unreadable = new TreeSet<>();
    JAVA_VALUES.forEach((name, value) -> {
      JsonNode described = node.get("fromJava").get(name);
      if (described.has("error")) {
        unreadable.add(name);
      } else {
        try {
          Descriptors.assertMatches(described, value);
        } catch (AssertionError e) {
          throw new AssertionError(name + ": " + e.getMessage() + "\nNode read: " + described, e);
        }
      }
    });
    assertThat(unreadable).isEqualTo(new TreeSet<>(NODE_UNREADABLE));
  }
}
