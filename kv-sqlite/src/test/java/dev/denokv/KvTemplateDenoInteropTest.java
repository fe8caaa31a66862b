package dev.denokv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import dev.denokv.testing.Peers;
import dev.denokv.value.KvU64;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java application values written through {@link KvTemplate} are read by the real Deno CLI as the
 * JS values a Deno program expects, and values Deno writes are read back into Java types.
 */
class KvTemplateDenoInteropTest {

  record Address(String city, int zip) {}

  record Customer(String name, long visits, double balance, boolean vip, List<String> tags, Address address,
      Instant since, BigInteger credits, byte[] avatar, Map<String, Integer> scores) {}

  @TempDir Path dir;

  @Test
  void denoReadsWhatTheTemplateWroteAndTheTemplateReadsWhatDenoWrote() {
    Path file = dir.resolve("shared.sqlite3");
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("math", 9);
    scores.put("art", 7);
    Customer ada = new Customer("Ada Lovelace ✓", 12, 10.5, true, List.of("a", "b"), new Address("London", 1815),
        Instant.parse("2024-05-01T12:00:00Z"), new BigInteger("123456789012345678901234567890"), new byte[] {1, 2, 3},
        scores);
    Versionstamp customerVs;
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(file)).build()) {
      customerVs = kv.set(KvKey.of("customers", 1), ada);
      kv.set(KvKey.of("counters", "visits"), new KvU64(42));
      kv.set(KvKey.of("raw"), new byte[] {9, 8, 7});
      kv.set(KvKey.of("ttl"), "short-lived", Duration.ofHours(1));
      kv.set(KvKey.of("big", new BigInteger("18446744073709551616"), true), -0.0);
      kv.enqueue(Map.of("job", "welcome", "customer", 1));
    }

    String out = Peers.deno("""
        const kv = await Deno.openKv(%s);
        const c = await kv.get(["customers", 1]);
        const v = c.value;
        const u = await kv.get(["counters", "visits"]);
        const raw = await kv.get(["raw"]);
        const ttl = await kv.get(["ttl"]);
        const big = await kv.get(["big", 18446744073709551616n, true]);
        const received = await new Promise((resolve) => {
          kv.listenQueue((msg) => resolve(msg));
        });
        console.log(JSON.stringify({
          versionstamp: c.versionstamp,
          proto: Object.getPrototypeOf(v) === Object.prototype,
          name: v.name, visits: v.visits, balance: v.balance, vip: v.vip, tags: v.tags,
          address: v.address, since: v.since instanceof Date ? v.since.toISOString() : "not a date",
          credits: typeof v.credits === "bigint" ? v.credits.toString() : "not a bigint",
          avatar: v.avatar instanceof Uint8Array ? Array.from(v.avatar) : "not bytes",
          scores: v.scores,
          u64: u.value instanceof Deno.KvU64 ? u.value.value.toString() : "not a KvU64",
          raw: raw.value instanceof Uint8Array ? Array.from(raw.value) : "not bytes",
          ttl: ttl.value,
          negZero: Object.is(big.value, -0),
          received,
        }));
        await kv.set(["from-deno"], { title: "hello", n: 3, at: new Date(0), list: [1, 2.5], nested: { ok: true } });
        await kv.set(["from-deno-u64"], new Deno.KvU64(7n));
        kv.close();
        Deno.exit(0);
        """.formatted(jsString(file.toString()))).orThrow();

    assertThat(out).contains("\"versionstamp\":\"" + customerVs.toHex() + "\"");
    assertThat(out).contains("\"proto\":true", "\"name\":\"Ada Lovelace ✓\"", "\"visits\":12", "\"balance\":10.5",
        "\"vip\":true", "\"tags\":[\"a\",\"b\"]", "\"address\":{\"city\":\"London\",\"zip\":1815}",
        "\"since\":\"2024-05-01T12:00:00.000Z\"", "\"credits\":\"123456789012345678901234567890\"",
        "\"avatar\":[1,2,3]", "\"scores\":{\"math\":9,\"art\":7}", "\"u64\":\"42\"", "\"raw\":[9,8,7]",
        "\"ttl\":\"short-lived\"", "\"negZero\":true", "\"received\":{");
    assertThat(out).contains("\"job\":\"welcome\"", "\"customer\":1");

    record FromDeno(String title, int n, Instant at, List<Double> list, Map<String, Boolean> nested) {}
    try (KvTemplate kv = KvTemplate.builder(SqliteDatabase.open(file)).build()) {
      KvEntry<FromDeno> fromDeno = kv.get(KvKey.of("from-deno"), FromDeno.class);
      assertThat(fromDeno.value()).isEqualTo(
          new FromDeno("hello", 3, Instant.EPOCH, List.of(1.0, 2.5), Map.of("ok", true)));
      assertThat(fromDeno.versionstamp()).isGreaterThan(customerVs);
      assertThat(kv.get(KvKey.of("from-deno-u64")).value()).isEqualTo(new KvU64(7));
      Versionstamp later = kv.set(KvKey.of("after"), 1);
      assertThat(later).isGreaterThan(fromDeno.versionstamp());
    }
  }

  private static String jsString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
