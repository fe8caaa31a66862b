package dev.denokv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export format against Deno's own {@code @deno/kv-utils}: the test resources under
 * {@code kvutils/} were produced once with the real Deno CLI running that library (see the README
 * there): a database Deno wrote, that library's export of it, and what its import stored.
 */
class KvUtilsFormatTest {

  private final Cli cli = new Cli();

  @TempDir
  Path dir;

  @Test
  void exportOfADenoDatabaseIsWhatKvUtilsExports() throws IOException {
    Path source = resource("source.sqlite3");

    Cli.Run run = cli.run("export", "--path", source.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(text("kv-utils-export.ndjson"));
  }

  @Test
  void importOfAKvUtilsExportStoresWhatKvUtilsImportStores() throws Exception {
    Path imported = dir.resolve("imported.sqlite3");
    Path export = resource("kv-utils-export.ndjson");

    Cli.Run run = cli.run("import", "--path", imported.toString(), "--value-format-version", "16", export.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.line()).isEqualTo("read 48, written 48, skipped 0");
    assertThat(storedValues(imported)).isEqualTo(storedValues(resource("kv-utils-import.sqlite3"))).hasSize(48);
  }

  @Test
  void theDenoCliReadsAnImportedKvUtilsExportAsTheOriginal() throws Exception {
    Path imported = dir.resolve("imported.sqlite3");
    Path source = resource("source.sqlite3");
    assertThat(cli.run("import", "--path", imported.toString(), resource("kv-utils-export.ndjson").toString()).exitCode()).isZero();

    String script = """
        const a = await Deno.openKv(%s);
        const b = await Deno.openKv(%s);
        const show = (v) => Deno.inspect(v, { depth: Infinity, sorted: false, showProxy: false, iterableLimit: Infinity });
        let compared = 0;
        const mismatches = [];
        for await (const e of a.list({ prefix: [] })) {
          const other = await b.get(e.key);
          // -0 is written as 0 by the format itself (JSON.stringify), as kv-utils does
          const expected = Object.is(e.value, -0) ? 0 : e.value;
          if (show(expected) !== show(other.value) || typeof expected !== typeof other.value
              || (expected instanceof Deno.KvU64) !== (other.value instanceof Deno.KvU64)) {
            mismatches.push(show(e.key) + ": " + show(expected) + " != " + show(other.value));
          }
          compared++;
        }
        console.log(JSON.stringify({ compared, mismatches }));
        """.formatted(js(source), js(imported));

    String out = Peers.deno(script).orThrow().strip();

    assertThat(out).isEqualTo("{\"compared\":48,\"mismatches\":[]}");
  }

  @Test
  void anExportImportedBackKeepsEveryStoredValueByteForByte() throws Exception {
    Path original = dir.resolve("original.sqlite3");
    String[][] values = {
        {"[\"s\"]", "\"héllo ✓ 😀\""}, {"[\"n\", 1]", "-0.000001"}, {"[\"n\", 2]", "NaN"}, {"[\"n\", 3]", "1e300"},
        {"[\"n\", 4]", "-Infinity"}, {"[\"b\"]", "123456789012345678901234567890n"}, {"[\"u\"]", "undefined"},
        {"[\"z\"]", "null"}, {"[\"bytes\"]", "new Uint8Array([0, 1, 255])"}, {"[\"u64\"]", "new Deno.KvU64(18446744073709551615n)"},
        {"[\"d\"]", "new Date(\"-000001-06-01T12:00:00.001Z\")"},
        {"[\"nested\", 1n, true, new Uint8Array([7])]",
            "{ a: [1, , 3], m: new Map([[new Date(5), new Set([1n, \"x\", undefined])]]), \"odd key\": { deep: [new Int16Array([1, -2])] }, 10: 1, f: new Float64Array([0.5]) }"},
    };
    for (String[] kv : values) {
      Cli.Run set = cli.run("set", "--path", original.toString(), kv[0], kv[1]);
      assertThat(set.exitCode()).as(kv[0] + " " + set.err()).isZero();
    }
    Path export = dir.resolve("export.ndjson");
    assertThat(cli.run("export", "--path", original.toString(), "-o", export.toString()).exitCode()).isZero();

    Path copy = dir.resolve("copy.sqlite3");
    Cli.Run imported = cli.run("import", "--path", copy.toString(), export.toString());

    assertThat(imported.line()).isEqualTo("read 12, written 12, skipped 0");
    assertThat(storedValues(copy)).isEqualTo(storedValues(original)).hasSize(12);
  }

  private static Map<String, String> storedValues(Path db) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT k, v, v_encoding FROM kv ORDER BY k")) {
      while (rs.next()) {
        values.put(HexFormat.of().formatHex(rs.getBytes(1)), rs.getInt(3) + ":" + HexFormat.of().formatHex(rs.getBytes(2)));
      }
    }
    return values;
  }

  private Path resource(String name) throws IOException {
    Path target = dir.resolve("vectors-" + name);
    try (InputStream in = getClass().getResourceAsStream("kvutils/" + name)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private String text(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("kvutils/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String js(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\") + "\"";
  }
}
