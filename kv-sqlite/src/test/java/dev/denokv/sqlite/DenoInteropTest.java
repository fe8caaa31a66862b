package dev.denokv.sqlite;

import static dev.denokv.sqlite.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.Versionstamp;
import dev.denokv.spi.Enqueue;
import dev.denokv.spi.Mutation;
import dev.denokv.spi.MutationKind;
import dev.denokv.spi.QueueMessageHandle;
import dev.denokv.spi.RawEntry;
import dev.denokv.spi.WatchKeyOutput;
import dev.denokv.spi.WatchSubscription;
import dev.denokv.spi.support.SumOperand;
import dev.denokv.testing.Peers;
import dev.denokv.value.ValueEncoding;
import dev.denokv.value.v8.internal.V8Input;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Files are shared with the real Deno 2.9.6 CLI in both directions. */
class DenoInteropTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  /** Deno helper printing an entry as one JSON object. */
  private static final String SHOW = """
      function show(e) {
        const v = e.value;
        let value;
        if (v instanceof Deno.KvU64) value = "u64:" + v.value;
        else if (v instanceof Uint8Array) value = "bytes:" + Array.from(v).join(",");
        else if (typeof v === "bigint") value = "bigint:" + v;
        else value = JSON.stringify(v);
        return { key: JSON.stringify(e.key, (k, x) => typeof x === "bigint" ? x + "n" : x),
                 value, versionstamp: e.versionstamp };
      }
      """;

  @Test
  void filesRoundTripBetweenJavaAndDeno() throws Exception {
    Path shared = dir.resolve("shared.sqlite3");
    Path denoFile = dir.resolve("deno.sqlite3");
    Versionstamp javaStamp;
    Versionstamp logStamp;
    try (SqliteDatabase db = SqliteDatabase.open(shared)) {
      javaStamp = commit(db, mutations(
          Mutation.set(key("java", "s"), v8String("hello ü"), 0),
          Mutation.set(key("java", "s2"), v8String("snow ☃"), 0),
          Mutation.set(key("java", "n"), v8Number(42.5), 0),
          Mutation.set(key("java", "i"), v8Number(7), 0),
          Mutation.set(key("java", "o"), v8Object("x", 7), 0),
          Mutation.set(key("java", "u"), u64(123), 0),
          Mutation.set(key("java", "b"), bytes(1, 2, 3), 0),
          Mutation.set(key("java", "big"), v8BigInt(BigInteger.TWO.pow(70)), 0),
          Mutation.set(key("java", "ttl"), v8String("ttl"), System.currentTimeMillis() + 3_600_000)));
      logStamp = commit(db, mutations(new Mutation(key("java", "log"),
          MutationKind.SET_SUFFIX_VERSIONSTAMPED_KEY, v8String("logged"), 0, null, null, false)));
      commit(db, enqueue(new Enqueue(v8String("job from java").data(), System.currentTimeMillis(),
          List.of(), null)));
      commit(db, enqueue(new Enqueue(v8String("dead letter").data(), System.currentTimeMillis() + 50,
          List.of(key("java", "dead"), key("java", "dead2")), List.of())));
      assertThat(SqliteDatabaseTest.rowCount(shared,
          "select count(*) from queue where keys_if_undelivered = '[[2,106,97,118,97,0,2,100,101,97,100,0],"
              + "[2,106,97,118,97,0,2,100,101,97,100,50,0]]' and backoff_schedule = '[]'"))
          .as("Deno's JSON text forms").isEqualTo(1);

      // Java keeps the file open and watches a key Deno is about to write.
      Recorder rec = new Recorder();
      try (WatchSubscription sub = db.watch(List.of(key("deno", "s")), rec)) {
        assertThat(rec.next(5).get(0).entry()).isNull();

        String out = Peers.deno(SHOW + """
            const kv = await Deno.openKv(Deno.env.get("SHARED"));
            const entries = [];
            for await (const e of kv.list({ prefix: ["java"] })) entries.push(show(e));
            let timer;
            const received = await Promise.race([
              new Promise((resolve) => kv.listenQueue((m) => {
                if (m === "dead letter") throw new Error("handler fails");
                resolve(m);
              })),
              new Promise((resolve) => { timer = setTimeout(() => resolve("timeout"), 15000); }),
            ]);
            clearTimeout(timer);
            let dead = null;
            for (let i = 0; i < 150 && dead === null; i++) {
              dead = (await kv.get(["java", "dead2"])).value;
              if (dead === null) await new Promise((r) => setTimeout(r, 100));
            }
            await kv.atomic().sum(["java", "u"], 5n).commit();
            const u = show(await kv.get(["java", "u"]));
            const writes = [];
            writes.push((await kv.set(["deno", "s"], "from deno")).versionstamp);
            await kv.set(["deno", "n"], 3.25);
            await kv.set(["deno", "o"], { name: "d", n: 9 });
            await kv.set(["deno", "u"], new Deno.KvU64(77n));
            await kv.set(["deno", "b"], new Uint8Array([9, 8]));
            kv.close();

            const other = await Deno.openKv(Deno.env.get("DENO_FILE"));
            const r = await other.set(["fresh"], "made by deno");
            await other.enqueue("job from deno", { keysIfUndelivered: [["undelivered"]] });
            other.close();
            console.log(JSON.stringify({ entries, received, dead, u, writes, fresh: r.versionstamp }));
            """, Map.of("SHARED", shared.toString(), "DENO_FILE", denoFile.toString()), 60).orThrow();
        JsonNode result = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());

        // Deno sees Java's values and versionstamps.
        Map<String, String> expected = Map.of(
            "[\"java\",\"s\"]", "\"hello ü\"",
            "[\"java\",\"s2\"]", "\"snow ☃\"",
            "[\"java\",\"n\"]", "42.5",
            "[\"java\",\"i\"]", "7",
            "[\"java\",\"o\"]", "{\"name\":\"x\",\"n\":7}",
            "[\"java\",\"u\"]", "u64:123",
            "[\"java\",\"b\"]", "bytes:1,2,3",
            "[\"java\",\"big\"]", "bigint:" + BigInteger.TWO.pow(70),
            "[\"java\",\"ttl\"]", "\"ttl\"");
        JsonNode entries = result.get("entries");
        assertThat(entries.size()).isEqualTo(expected.size() + 1);
        for (JsonNode e : entries) {
          String k = e.get("key").asString();
          if (k.startsWith("[\"java\",\"log\",")) {
            assertThat(k).isEqualTo("[\"java\",\"log\",\"" + logStamp.toHex() + "\"]");
            assertThat(e.get("value").asString()).isEqualTo("\"logged\"");
            assertThat(e.get("versionstamp").asString()).isEqualTo(logStamp.toHex());
            continue;
          }
          assertThat(e.get("value").asString()).as(k).isEqualTo(expected.get(k));
          assertThat(e.get("versionstamp").asString()).as(k).isEqualTo(javaStamp.toHex());
        }
        // Deno's listenQueue received Java's message; Deno's KvU64 sum worked on Java's value.
        assertThat(result.get("received").asString()).isEqualTo("job from java");
        assertThat(result.get("dead").asString()).as("Deno read Java's keys_if_undelivered").isEqualTo("dead letter");
        assertThat(result.get("u").get("value").asString()).isEqualTo("u64:128");
        Versionstamp denoStamp = Versionstamp.parse(result.get("writes").get(0).asString());

        // The watcher saw Deno's write from the other process.
        RawEntry seen = null;
        while (seen == null) {
          List<WatchKeyOutput> emission = rec.next(5);
          seen = emission.get(0).entry();
        }
        assertThat(seen.versionstamp()).isEqualTo(denoStamp);
        assertThat(v8Text(seen)).isEqualTo("from deno");

        // Java reads Deno's values with Deno's versionstamps and continues the file.
        assertThat(v8Text(get(db, key("deno", "s")))).isEqualTo("from deno");
        assertThat(SumOperand.of(get(db, key("deno", "n")).value())).isEqualTo(new SumOperand.Number(3.25));
        assertThat(get(db, key("deno", "u")).value()).isEqualTo(u64(77));
        assertThat(get(db, key("deno", "b")).value()).isEqualTo(bytes(9, 8));
        assertThat(body(get(db, key("deno", "o")).value().data()))
            .as("Deno's object has the body Java writes for it").isEqualTo(body(v8Object("d", 9).data()));
        assertThat(get(db, key("java", "u")).value()).isEqualTo(u64(128));
        Versionstamp later = set(db, key("java", "later"), v8String("after deno"));
        assertThat(later).isGreaterThan(denoStamp);
        String check = Peers.deno(SHOW + """
            const kv = await Deno.openKv(Deno.env.get("SHARED"));
            console.log(JSON.stringify(show(await kv.get(["java", "later"]))));
            kv.close();
            """, Map.of("SHARED", shared.toString()), 60).orThrow();
        JsonNode laterSeen = JSON.readTree(check.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(laterSeen.get("value").asString()).isEqualTo("\"after deno\"");
        assertThat(laterSeen.get("versionstamp").asString()).isEqualTo(later.toHex());

        // A file Deno created opens here, with Deno's enqueued message deliverable.
        try (SqliteDatabase fresh = SqliteDatabase.open(denoFile)) {
          RawEntry e = get(fresh, key("fresh"));
          assertThat(v8Text(e)).isEqualTo("made by deno");
          assertThat(e.versionstamp().toHex()).isEqualTo(result.get("fresh").asString());
          QueueMessageHandle h = fresh.dequeueNextMessage();
          V8Input in = new V8Input(h.payload());
          in.readHeader();
          assertThat(in.readStringValue()).isEqualTo("job from deno");
          h.finish(true);
          assertThat(set(fresh, key("next"), v8String("x"))).isGreaterThan(e.versionstamp());
        }
      }
    }
    assertThat(SqliteDatabaseTest.rowCount(shared, "select version from migration_state where k = 0")).isEqualTo(3);
  }

  /** V8 bytes without the two-byte version header (Deno writes version 16, Java 15). */
  private static byte[] body(byte[] v8) {
    return Arrays.copyOfRange(v8, 2, v8.length);
  }

  private static String v8Text(RawEntry e) {
    assertThat(e.value().encoding()).isEqualTo(ValueEncoding.V8);
    V8Input in = new V8Input(e.value().data());
    in.readHeader();
    return in.readStringValue();
  }
}
