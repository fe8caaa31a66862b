package dev.denokv.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Byte compatibility with the real Deno 2.9.6 binary, both ways, in one Deno run: Deno writes its
 * own keys into one SQLite KV file and lists them, and writes keys that Java describes into another.
 * The raw {@code k} column of both files is compared with Java's codec.
 */
class KeyDenoInteropTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final String SCRIPT = """
      const dv = new DataView(new ArrayBuffer(8));
      const f64 = (hex) => { dv.setBigUint64(0, BigInt("0x" + hex)); return dv.getFloat64(0); };
      const bits = (x) => { dv.setFloat64(0, x); return dv.getBigUint64(0).toString(16).padStart(16, "0"); };
      const hex = (u) => Array.from(u, (b) => b.toString(16).padStart(2, "0")).join("");
      const unhex = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
      const toDesc = (p) => {
        if (typeof p === "string") return ["s", p];
        // A NaN's sign bit is not observable from JavaScript (V8 canonicalizes NaN on reads).
        if (typeof p === "number") return ["n", Number.isNaN(p) ? "NaN" : bits(p)];
        if (typeof p === "bigint") return ["b", p.toString()];
        if (p instanceof Uint8Array) return ["u", hex(p)];
        if (p === true) return ["t"];
        if (p === false) return ["f"];
        throw new Error("unexpected key part " + p);
      };
      const fromDesc = (d) => {
        switch (d[0]) {
          case "s": return d[1];
          case "n": return f64(d[1]);
          case "b": return BigInt(d[1]);
          case "u": return unhex(d[1]);
          case "t": return true;
          case "f": return false;
        }
        throw new Error("unexpected descriptor " + JSON.stringify(d));
      };

      const parts = [
        "", "a", "ab", "abc", "a\\0b", "\\0", "\\0\\0", "é", "日本", "😀", "\\ud800", "a\\udc00b", "\\uffff",
        "\\u0080", "\\u07ff", "\\u0800", "\\u{10ffff}", "x".repeat(200),
        0, -0, 1, -1, 0.5, -0.5, 42, 1.5, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE,
        Number.MIN_VALUE, -Number.MIN_VALUE, Infinity, -Infinity, NaN, f64("fff8000000000000"), 1e21, 1e-7,
        Math.PI, -Math.E,
        0n, 2n ** 2040n - 1n, -(2n ** 2040n - 1n), 3n ** 500n, -(3n ** 500n),
        new Uint8Array([]), new Uint8Array([0]), new Uint8Array([255]), new Uint8Array([0, 255, 1]),
        new Uint8Array([0, 0, 0]), Uint8Array.from({ length: 256 }, (_, i) => i),
        true, false,
      ];
      for (let n = 1; n <= 20; n++) {
        const lo = 1n << BigInt(8 * (n - 1));
        const hi = (1n << BigInt(8 * n)) - 1n;
        parts.push(lo, hi, -lo, -hi);
      }
      const denoKeys = parts.map((p) => [p]).concat([
        ["users"], ["users", "alice"], ["users", "alice", "posts", 1], ["users", "alice", "posts", 2],
        ["users", "alice", "posts", 1n], ["users", "alice", new Uint8Array([0])], ["users", 1], ["users", -0],
        ["users", ""], ["users", "", ""], [true, false], [new Uint8Array([1]), "s", 2n, 3.5, true],
        ["a\\0", 1], ["a", "\\0"], ["users", NaN, -Infinity, 0n],
      ]);

      async function writeAll(path, keys) {
        const kv = await Deno.openKv(path);
        for (let i = 0; i < keys.length; i += 100) {
          const op = kv.atomic();
          for (const key of keys.slice(i, i + 100)) op.set(key, 1);
          const res = await op.commit();
          if (!res.ok) throw new Error("commit failed");
        }
        return kv;
      }

      const kvA = await writeAll(DENO_FILE, denoKeys);
      const listed = [];
      for await (const entry of kvA.list({ prefix: [] })) listed.push(entry.key.map(toDesc));
      kvA.close();

      const kvB = await writeAll(JAVA_FILE, JAVA_KEYS.map((key) => key.map(fromDesc)));
      kvB.close();

      console.log(JSON.stringify({ written: denoKeys.length, listed }));
      """;

  @TempDir static Path dir;

  private static List<KvKey> javaKeys;
  private static JsonNode denoOutput;

  @BeforeAll
  static void runDeno() {
    Set<KvKey> keys = new LinkedHashSet<>(List.of(
        KvKey.of("users", 42), KvKey.of("users", 42L, "profile"), KvKey.of("users", BigInteger.valueOf(42)),
        KvKey.of("a\uD800b"), KvKey.of("\0", new byte[] {0, (byte) 0xff, 0}), KvKey.of(-0.0), KvKey.of(0.0),
        KvKey.of(Double.NaN), KvKey.of(Double.NEGATIVE_INFINITY), KvKey.of(Long.MIN_VALUE),
        KvKey.of(BigInteger.TWO.pow(64)), KvKey.of(BigInteger.TWO.pow(64).negate()),
        KvKey.of(BigInteger.ONE.shiftLeft(2040).subtract(BigInteger.ONE).negate()),
        KvKey.of(true, false, "😀", 0.1f, (short) -7, (byte) 3)));
    keys.addAll(new RandomKeys(42, false).keys(400));
    javaKeys = List.copyOf(keys);

    ArrayNode described = JsonNodeFactory.instance.arrayNode();
    javaKeys.forEach(key -> described.add(PartDescriptors.toJson(key)));
    String script = "const DENO_FILE = " + jsonString(dir.resolve("deno.sqlite3")) + ";\n"
        + "const JAVA_FILE = " + jsonString(dir.resolve("java.sqlite3")) + ";\n"
        + "const JAVA_KEYS = " + described + ";\n" + SCRIPT;
    String stdout = Peers.deno(script, Map.of(), 60).orThrow();
    denoOutput = JsonMapper.builder().build().readTree(stdout);
  }

  @Test
  void javaDecodesDenosRawKeysToTheKeysDenoListsInDenosOrder() throws SQLException {
    JsonNode listed = denoOutput.get("listed");
    List<byte[]> raw = rawKeys(dir.resolve("deno.sqlite3"), "");
    assertThat(raw.size()).as("raw keys vs listed keys").isEqualTo(listed.size())
        .as("every key Deno wrote is distinct").isEqualTo(denoOutput.get("written").asInt());

    List<KvKey> decoded = new ArrayList<>(raw.stream().map(KvKey::decode).toList());
    decoded.sort(null);
    for (int i = 0; i < listed.size(); i++) {
      JsonNode denoKey = listed.get(i);
      KvKey key = decoded.get(i);
      List<String> denoParts = new ArrayList<>();
      denoKey.forEach(part -> denoParts.add(part.toString()));
      assertThat(describeWithUnsignedNaN(key)).as("key %d in Deno's list order", i).isEqualTo(denoParts);
      if (!denoKey.toString().contains("\"NaN\"")) {
        assertThat(PartDescriptors.keyFromJson(denoKey).encode()).as("Java's encoding of %s", key).isEqualTo(key.encode());
      }
    }
    for (byte[] bytes : raw) {
      assertThat(KvKey.decode(bytes).encode()).as(HEX.formatHex(bytes)).isEqualTo(bytes);
    }
    assertThat(raw.stream().map(HEX::formatHex))
        .as("NaN and the negative NaN Deno wrote")
        .contains("21fff8000000000000", "210007ffffffffffff");
    assertThat(Double.doubleToRawLongBits((Double) KvKey.decode(HEX.parseHex("210007ffffffffffff")).get(0)))
        .isEqualTo(0xfff8000000000000L);
  }

  private static List<String> describeWithUnsignedNaN(KvKey key) {
    return key.parts().stream()
        .map(part -> part instanceof Double d && d.isNaN() ? "[\"n\",\"NaN\"]" : PartDescriptors.toJson(part).toString())
        .toList();
  }

  @Test
  void denoStoresJavaDescribedKeysUnderJavasExactBytesInJavasOrder() throws SQLException {
    List<String> denoBytes = rawKeys(dir.resolve("java.sqlite3"), " order by k").stream().map(HEX::formatHex).toList();

    List<String> javaBytes = javaKeys.stream().sorted().map(key -> HEX.formatHex(key.encode())).toList();
    assertThat(javaBytes).hasSizeGreaterThan(300);
    assertThat(denoBytes).isEqualTo(javaBytes);
  }

  private static List<byte[]> rawKeys(Path file, String orderBy) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("select k from kv" + orderBy)) {
      List<byte[]> keys = new ArrayList<>();
      while (rows.next()) {
        keys.add(rows.getBytes(1));
      }
      return keys;
    }
  }

  private static String jsonString(Path path) {
    return JsonNodeFactory.instance.stringNode(path.toString()).toString();
  }
}
