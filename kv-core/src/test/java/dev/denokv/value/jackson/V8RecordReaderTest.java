package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.denokv.testing.Peers;
import dev.denokv.value.EncodedValue;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.codec.DenoValueCodec;
import dev.denokv.value.v8.internal.V8Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The direct record reader gives exactly what the mapper gives: on values serialized by the real
 * Deno 2.9.6 CLI ({@code forStorage}, as Deno KV stores them) and by the mapper, every one read both
 * ways, including the shapes the reader leaves to the mapper (bigints, JS Maps and Sets, sparse
 * arrays, back-references, strings where numbers are wanted, missing primitives).
 */
class V8RecordReaderTest {

  record Item(String sku, int qty, double price) {}

  record Node(String name, List<Node> children) {}

  record Everything(String s, Integer boxed, long l, Long lb, double d, Double db, Boolean b, boolean flag,
      Instant at, List<String> tags, List<Integer> nums, Map<String, String> attrs, List<Item> items, Node tree,
      int i) {}

  record Small(int id, String name, boolean active) {}

  record Renamed(@JsonProperty("n") String name) {}

  record WithObject(Object anything) {}

  private static final V8Mapper MAPPER = V8Mapper.builder().build();
  private static final V8RecordReader READER = new V8RecordReader(MAPPER);
  private static final DenoValueCodec CODEC = new DenoValueCodec(MAPPER);

  /** JS expressions: a complete object, and variations the reader reads itself or leaves to the mapper. */
  private static final String BASE = """
      { s: "plain", boxed: 7, l: 9007199254740991, lb: -5, d: 0.5, db: 3, b: true, flag: false,
        at: new Date(1700000000123), tags: ["a", "b"], nums: [1, -2, 2147483647],
        attrs: { channel: "web", region: "eu" }, items: [{ sku: "x", qty: 2, price: 1.25 }],
        tree: { name: "root", children: [{ name: "leaf", children: [] }] }, i: -7 }""";

  /** Cases the reader reads itself (and must agree with the mapper on). */
  private static final List<String> DIRECT = List.of(
      BASE,
      "{ ...B, s: 'Zoë Ω 日本 😀', tags: ['Ω', 'ß', '\\u{1F600}'], attrs: { 'κλειδί': 'τιμή', k: '値' } }",
      "{ ...B, tree: { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [] }] }] } }",
      "{ ...B, extra: { deep: [1, 2, new Map([[1, 2n]])], more: new Set([1]) }, y: 5n, z: [,,1] }",
      "{ ...B, at: new Date(NaN) }",
      "{ ...B, at: null, tags: null, attrs: null, items: null, tree: null, boxed: null, lb: undefined, db: null, b: null, s: null }",
      "{ ...B, i: 2147483647, boxed: -2147483648, l: -0, lb: 2 ** 40, d: -0, db: 1e300 }",
      "{ ...B, d: NaN, db: -Infinity }",
      "{ flag: true, l: 1, d: 2, i: 3 }",
      "{ i: 3, d: 2, l: 1, flag: true, s: 'reordered' }");

  /** Cases the reader leaves to the mapper, which converts or rejects them as ever. */
  private static final List<String> VIA_MAPPER = List.of(
      "{ ...B, lb: 12345678901234567890n }",
      "{ ...B, l: 5n }",
      "{ ...B, attrs: new Map([['a', 'b']]) }",
      "{ ...B, tags: new Set(['a', 'b']) }",
      "{ ...B, nums: Object.assign(new Array(5), { 3: 4 }) }",
      "(() => { const shared = { name: 's', children: [] }; return { ...B, tree: { name: 'r', children: [shared, shared] } }; })()",
      "{ ...B, i: '12' }",
      "{ ...B, s: 42 }",
      "{ ...B, i: 1.5 }",
      "{ ...B, boxed: 2 ** 31 }",
      "{ ...B, b: 1 }",
      "{ ...B, i: null }",
      "{ s: 'missing primitives' }",
      "{ ...B, attrs: { 1: 'one', b: 'bee' } }",
      "{ ...B, s: new String('boxed') }",
      "{ ...B, at: '2024-01-01T00:00:00Z' }",
      "[1, 2]",
      "null",
      "'text'",
      "{ ...B, tags: Object.assign(['a'], { named: 1 }) }",
      "{ ...B, tags: ['a', , 'c'], nums: [1, , 3] }");

  private static List<byte[]> direct;
  private static List<byte[]> viaMapper;

  @BeforeAll
  static void serializeWithDeno() {
    StringBuilder script = new StringBuilder("""
        const core = (Deno as any)[(Deno as any).internal].core;
        const hex = (b: Uint8Array) => Array.from(b).map((x) => x.toString(16).padStart(2, "0")).join("");
        const B = %s;
        const direct = [%s];
        const viaMapper = [%s];
        const ser = (v: unknown) => hex(core.serialize(v, { forStorage: true }));
        console.log(JSON.stringify({ direct: direct.map(ser), viaMapper: viaMapper.map(ser) }));
        """.formatted(BASE, String.join(",\n", DIRECT), String.join(",\n", VIA_MAPPER)));
    JsonNode result = JsonMapper.shared().readTree(Peers.deno(script.toString()).orThrow());
    direct = hexList(result.get("direct"));
    viaMapper = hexList(result.get("viaMapper"));
    assertThat(direct).hasSize(DIRECT.size());
    assertThat(viaMapper).hasSize(VIA_MAPPER.size());
  }

  @Test
  void readsDenosPlainObjectsAsTheMapperDoes() {
    for (int c = 0; c < direct.size(); c++) {
      byte[] bytes = direct.get(c);
      Object fast = READER.read(bytes, Everything.class);
      assertThat(fast).as(DIRECT.get(c)).isNotSameAs(V8RecordReader.NOT_READ);
      assertSameResult(DIRECT.get(c), fast, outcome(bytes, Everything.class));
      assertSameResult(DIRECT.get(c), outcome(CODEC, bytes, Everything.class), outcome(bytes, Everything.class));
    }
  }

  @Test
  void leavesOtherShapesToTheMapperWithTheSameOutcome() {
    for (int c = 0; c < viaMapper.size(); c++) {
      byte[] bytes = viaMapper.get(c);
      assertThat(READER.read(bytes, Everything.class)).as(VIA_MAPPER.get(c)).isSameAs(V8RecordReader.NOT_READ);
      assertSameResult(VIA_MAPPER.get(c), outcome(CODEC, bytes, Everything.class), outcome(bytes, Everything.class));
    }
  }

  @Test
  void readsWhatTheMapperWrites() {
    Everything value = new Everything("Zoë Ω", 1, 2L, null, 0.25, -0.0, Boolean.FALSE, true,
        Instant.ofEpochMilli(1_700_000_000_000L), List.of("a", "日本"), new ArrayList<>(java.util.Arrays.asList(1, null)),
        new LinkedHashMap<>(Map.of("k", "v")), List.of(new Item("s", 1, 2.5)),
        new Node("r", List.of(new Node("c", List.of()))), Integer.MIN_VALUE);
    for (int version : new int[] {15, 16}) {
      byte[] bytes = V8Mapper.builder().formatVersion(version).build().writeValueAsBytes(value);
      Object fast = READER.read(bytes, Everything.class);
      assertThat(fast).isEqualTo(value);
      assertSameResult("written", fast, outcome(bytes, Everything.class));
    }
    List<Small> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Small(i * 7919 - 1000, "user-" + i + (i % 3 == 0 ? "Ω" : ""), i % 2 == 0));
    }
    for (Small row : rows) {
      byte[] bytes = MAPPER.writeValueAsBytes(row);
      assertThat(READER.read(bytes, Small.class)).isEqualTo(row);
      assertThat(outcome(CODEC, bytes, Small.class)).isEqualTo(row);
    }
  }

  @Test
  void readsHolesOfDenseArraysAsNulls() {
    byte[] bytes = MAPPER.writeValueAsBytes(new Node("r", java.util.Arrays.asList(null, new Node("c", List.of()))));
    // The array [null, {...}] written densely: its null (tag '0') becomes a hole (tag '-').
    int at = indexOf(bytes, new byte[] {'A', 2, '0'});
    assertThat(at).isPositive();
    bytes[at + 2] = V8Tags.THE_HOLE;
    Object fast = READER.read(bytes, Node.class);
    assertThat(fast).isEqualTo(new Node("r", java.util.Arrays.asList(null, new Node("c", List.of()))));
    assertSameResult("hole", fast, outcome(bytes, Node.class));
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void malformedAndTruncatedInputIsLeftToTheMapper() {
    byte[] good = direct.get(0);
    for (int cut = 0; cut < good.length; cut++) {
      byte[] truncated = java.util.Arrays.copyOf(good, cut);
      assertThat(READER.read(truncated, Everything.class)).isSameAs(V8RecordReader.NOT_READ);
      assertSameResult("cut at " + cut, outcome(CODEC, truncated, Everything.class), outcome(truncated, Everything.class));
    }
    for (int at = 2; at < good.length; at += 3) {
      byte[] corrupt = good.clone();
      corrupt[at] = (byte) (corrupt[at] ^ 0x5A);
      assertSameResult("corrupt at " + at, outcome(CODEC, corrupt, Everything.class), outcome(corrupt, Everything.class));
    }
  }

  @Test
  void readsOnlyUnannotatedRecordsOfAnUnconfiguredMapper() {
    assertThat(READER.supports(Everything.class)).isTrue();
    assertThat(READER.supports(Small.class)).isTrue();
    assertThat(READER.supports(Renamed.class)).isFalse();
    assertThat(READER.supports(WithObject.class)).isFalse();
    assertThat(READER.supports(String.class)).isFalse();
    assertThat(READER.supports(Map.class)).isFalse();
    V8Mapper snake = V8Mapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    assertThat(new V8RecordReader(snake).supports(Small.class)).isFalse();
    V8Mapper lenient = V8Mapper.builder()
        .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    assertThat(new V8RecordReader(lenient).supports(Small.class)).isFalse();
    V8Mapper mixedIn = V8Mapper.builder().addMixIn(Item.class, Renamed.class).build();
    assertThat(new V8RecordReader(mixedIn).supports(Item.class)).isFalse();
    assertThat(new V8RecordReader(mixedIn).supports(Everything.class)).isFalse();
    assertThat(new V8RecordReader(mixedIn).supports(Small.class)).isTrue();
    // Renamed properties keep working through the mapper.
    byte[] bytes = MAPPER.writeValueAsBytes(new Renamed("x"));
    assertThat(outcome(CODEC, bytes, Renamed.class)).isEqualTo(new Renamed("x"));
  }

  private static Object outcome(byte[] bytes, Class<?> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (RuntimeException e) {
      return new Failure(e.getClass().getSimpleName(), e.getMessage());
    }
  }

  private static Object outcome(DenoValueCodec codec, byte[] bytes, Class<?> type) {
    try {
      return codec.decode(new EncodedValue(ValueEncoding.V8, bytes), type);
    } catch (dev.denokv.error.KvCodecException e) {
      // The codec wraps the mapper's failure; compare with the mapper's own.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new Failure(cause.getClass().getSimpleName(), cause.getMessage());
    }
  }

  /** A failed read, compared by type and message. */
  record Failure(String type, String message) {}

  private static void assertSameResult(String what, Object actual, Object expected) {
    assertThat(actual).as(what).isEqualTo(expected);
    assertThat(String.valueOf(actual)).as(what).isEqualTo(String.valueOf(expected));
  }

  private static List<byte[]> hexList(JsonNode array) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(HexFormat.of().parseHex(array.get(i).asString()));
    }
    return out;
  }
}
