package dev.denokv.value.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** V8Mapper against the real Deno 2.9.6 serializer and deserializer ({@code forStorage}, as Deno KV uses them). */
class V8DenoInteropTest {

  record Address(String street, String city, List<String> lines) {}

  record Customer(String name, int age, long id, double score, boolean active, Address address,
      List<Address> previous, Map<String, Integer> counters, Instant createdAt, BigInteger balance,
      byte[] avatar, String nickname) {}

  /** An iterable that is not a collection: Jackson writes it without announcing its size. */
  static final class Strings implements Iterable<String> {
    private final List<String> values;

    Strings(List<String> values) {
      this.values = values;
    }

    @Override
    public Iterator<String> iterator() {
      return values.iterator();
    }
  }

  private static final JsonMapper JSON = JsonMapper.shared();

  @Test
  void denoReadsWhatV8MapperWritesAndV8MapperReadsWhatDenoWrites() {
    Customer customer = new Customer("Zoë 😀 Ω", 42, 9_007_199_254_740_991L, 0.1, true,
        new Address("Hauptstraße 1", "Köln", List.of("c/o ß", "日本")),
        List.of(new Address("a", "b", List.of())), new LinkedHashMap<>(Map.of("x", 1)),
        Instant.ofEpochMilli(1_700_000_000_123L), new BigInteger("-123456789012345678901234567890"),
        new byte[] {0, 1, 2, (byte) 0xff}, null);
    Map<String, Object> indexKeys = new LinkedHashMap<>();
    indexKeys.put("b", "Ω");
    indexKeys.put("4294967294", 1);
    indexKeys.put("a", 2);
    indexKeys.put("0", "😮");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(i % 3 == 0 ? "Ω" + i : "s" + i);
    }
    V8Mapper v15 = V8Mapper.builder().build();
    V8Mapper v16 = V8Mapper.builder().formatVersion(16).build();
    List<byte[]> written = List.of(
        v15.writeValueAsBytes(customer),
        v16.writeValueAsBytes(customer),
        v16.writeValueAsBytes(indexKeys),
        v15.writeValueAsBytes(new Strings(many)),
        v15.writeValueAsBytes(List.of(1.5, -0.0, Double.NaN, 2147483648L, Integer.MIN_VALUE)));

    StringBuilder script = new StringBuilder("""
        const core = (Deno as any)[(Deno as any).internal].core;
        const hex = (b: Uint8Array) => Array.from(b).map((x) => x.toString(16).padStart(2, "0")).join("");
        const unhex = (s: string) => new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));
        function show(v: unknown): unknown {
          if (typeof v === "bigint") return { bigint: v.toString() };
          if (typeof v === "number") return Object.is(v, -0) ? { number: "-0" } : Number.isNaN(v) ? { number: "NaN" } : v;
          if (v instanceof Date) return { date: v.getTime() };
          if (v instanceof Uint8Array) return { u8: Array.from(v) };
          if (Array.isArray(v)) return v.map(show);
          if (v !== null && typeof v === "object") {
            if (Object.getPrototypeOf(v) !== Object.prototype) throw new Error("not a plain object: " + v);
            return { keys: Object.keys(v), values: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, show(x)])) };
          }
          return v;
        }
        const inputs: string[] = [
        """);
    for (byte[] b : written) {
      script.append("  \"").append(HexFormat.of().formatHex(b)).append("\",\n");
    }
    script.append("""
        ];
        const decoded = inputs.map((h) => show(core.deserialize(unhex(h), { forStorage: true })));
        const fromJs = {
          name: "Zoë 😀 Ω", age: 42, id: 2 ** 53 - 1, score: 0.1, active: true,
          address: { street: "Hauptstraße 1", city: "Köln", lines: ["c/o ß", "日本"] },
          previous: [{ street: "a", city: "b", lines: [] }], counters: { x: 1 },
          createdAt: new Date(1700000000123), balance: -123456789012345678901234567890n,
          avatar: new Uint8Array([0, 1, 2, 255]), nickname: null,
        };
        const serialized = hex(core.serialize(fromJs, { forStorage: true }));
        console.log(JSON.stringify({ decoded, serialized }));
        """);
    JsonNode result = JSON.readTree(Peers.deno(script.toString()).orThrow());

    JsonNode customerJs = JSON.readTree("""
        {"keys":["name","age","id","score","active","address","previous","counters","createdAt","balance","avatar","nickname"],
         "values":{"name":"Zoë 😀 Ω","age":42,"id":9007199254740991,"score":0.1,"active":true,
           "address":{"keys":["street","city","lines"],"values":{"street":"Hauptstraße 1","city":"Köln","lines":["c/o ß","日本"]}},
           "previous":[{"keys":["street","city","lines"],"values":{"street":"a","city":"b","lines":[]}}],
           "counters":{"keys":["x"],"values":{"x":1}},
           "createdAt":{"date":1700000000123},
           "balance":{"bigint":"-123456789012345678901234567890"},
           "avatar":{"u8":[0,1,2,255]},
           "nickname":null}}
        """);
    JsonNode decoded = result.get("decoded");
    assertThat(decoded.get(0)).isEqualTo(customerJs);
    assertThat(decoded.get(1)).isEqualTo(customerJs);
    assertThat(decoded.get(2)).isEqualTo(JSON.readTree("""
        {"keys":["0","4294967294","b","a"],"values":{"0":"😮","4294967294":1,"b":"Ω","a":2}}"""));
    assertThat(decoded.get(3)).isEqualTo(JSON.valueToTree(many));
    assertThat(written.get(3)).isEqualTo(v15.writeValueAsBytes(many));
    assertThat(decoded.get(4)).isEqualTo(JSON.readTree("""
        [1.5, {"number":"-0"}, {"number":"NaN"}, 2147483648, -2147483648]"""));

    byte[] fromDeno = HexFormat.of().parseHex(result.get("serialized").asString());
    assertThat(fromDeno[1]).isEqualTo((byte) 16);
    Customer read = v15.readValue(fromDeno, Customer.class);
    assertThat(read).usingRecursiveComparison().isEqualTo(customer);
    // Deno's own bytes for this object are exactly what V8Mapper writes at version 16.
    assertThat(HexFormat.of().formatHex(v16.writeValueAsBytes(customer))).isEqualTo(result.get("serialized").asString());
  }
}
