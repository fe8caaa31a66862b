package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real Deno CLI, speaking KV Connect to the server through {@code Deno.openKv(url)}. */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DenoInteropTest {

  private static final String SCRIPT = """
      const kv = await Deno.openKv(Deno.env.get("KV_URL"));
      const r = {};
      const p = "deno";
      const c1 = await kv.set([p, "a", 1], "one");
      r.set = [c1.ok, c1.versionstamp.length];
      await kv.set([p, "a", 2], { n: 2, s: "two", list: [1, 2] });
      await kv.set([p, "a", 3], 3n);
      await kv.set([p, "b"], new Uint8Array([1, 2, 3]));
      await kv.set([p, "u"], new Deno.KvU64(42n));
      const g = await kv.get([p, "a", 1]);
      r.get = [g.value, g.versionstamp === c1.versionstamp];
      r.getObject = (await kv.get([p, "a", 2])).value;
      r.getBigint = (await kv.get([p, "a", 3])).value;
      r.getBytes = (await kv.get([p, "b"])).value;
      r.getU64 = (await kv.get([p, "u"])).value;
      const missing = await kv.get([p, "missing"]);
      r.missing = [missing.value, missing.versionstamp];
      r.getMany = (await kv.getMany([[p, "a", 1], [p, "missing"], [p, "b"]])).map((e) => e.value);
      await kv.delete([p, "b"]);
      r.deleted = (await kv.get([p, "b"])).value;

      for (let i = 0; i < 7; i++) await kv.set([p, "l", i], i * 10);
      const keys = async (selector, options) => {
        const out = [];
        for await (const e of kv.list(selector, options)) out.push(e.key[2]);
        return out;
      };
      r.listPrefix = await keys({ prefix: [p, "l"] });
      r.listValues = [];
      for await (const e of kv.list({ prefix: [p, "l"] })) r.listValues.push(e.value);
      r.listReverse = await keys({ prefix: [p, "l"] }, { reverse: true });
      r.listLimit = await keys({ prefix: [p, "l"] }, { limit: 3 });
      r.listStart = await keys({ prefix: [p, "l"], start: [p, "l", 4] });
      r.listEnd = await keys({ prefix: [p, "l"], end: [p, "l", 2] });
      r.listStartEnd = await keys({ start: [p, "l", 2], end: [p, "l", 5] });
      r.listBatched = await keys({ prefix: [p, "l"] }, { batchSize: 2 });
      const pages = async (options) => {
        const it = kv.list({ prefix: [p, "l"] }, options);
        const first = [];
        for await (const e of it) first.push(e.key[2]);
        const second = await keys({ prefix: [p, "l"] }, { ...options, cursor: it.cursor });
        return [first, second];
      };
      r.pages = await pages({ limit: 3 });
      r.pagesReverse = await pages({ limit: 2, reverse: true });

      const e0 = await kv.get([p, "acct"]);
      const a1 = await kv.atomic().check(e0).set([p, "acct"], 100).commit();
      const a2 = await kv.atomic().check(e0).set([p, "acct"], 200).commit();
      r.atomic = [a1.ok, a2.ok, (await kv.get([p, "acct"])).value];
      const a3 = await kv.atomic().check({ key: [p, "acct"], versionstamp: a1.versionstamp })
        .set([p, "acct"], 300).delete([p, "a", 1]).commit();
      r.atomicMulti = [a3.ok, (await kv.get([p, "acct"])).value, (await kv.get([p, "a", 1])).value];

      await kv.atomic().sum([p, "cnt"], 5n).commit();
      await kv.atomic().sum([p, "cnt"], 7n).commit();
      await kv.set([p, "m"], new Deno.KvU64(10n));
      await kv.atomic().min([p, "m"], 3n).commit();
      const afterMin = (await kv.get([p, "m"])).value;
      await kv.atomic().max([p, "m"], 20n).commit();
      r.arithmetic = [(await kv.get([p, "cnt"])).value, afterMin, (await kv.get([p, "m"])).value];

      await kv.set([p, "exp"], "soon", { expireIn: 400 });
      const expBefore = (await kv.get([p, "exp"])).value;
      await new Promise((res) => setTimeout(res, 1000));
      r.expire = [expBefore, (await kv.get([p, "exp"])).value];

      const vc = await kv.set([p, "vs", kv.commitVersionstamp()], "stamped");
      const stamped = [];
      for await (const e of kv.list({ prefix: [p, "vs"] })) stamped.push([e.key[2], e.value, e.versionstamp]);
      r.versionstampedKey = [stamped.length, stamped[0][0] === vc.versionstamp, stamped[0][1], stamped[0][2] === vc.versionstamp];

      const reader = kv.watch([[p, "w1"], [p, "w2"]]).getReader();
      const first = await reader.read();
      r.watchFirst = first.value.map((e) => [e.value, e.versionstamp]);
      const w = await kv.set([p, "w1"], "changed");
      let seen = null;
      for (let i = 0; i < 20 && seen === null; i++) {
        const next = await reader.read();
        if (next.value[0].value === "changed") seen = next.value.map((e) => [e.value, e.versionstamp === w.versionstamp]);
      }
      r.watchNext = seen;
      await reader.cancel();

      try {
        await kv.atomic().sum([p, "a", 2], 1n).commit();
        r.sumOnObject = "committed";
      } catch (e) {
        r.sumOnObject = String(e.message ?? e);
      }
      kv.close();
      console.log(JSON.stringify(r, (_k, v) =>
        typeof v === "bigint" ? v + "n"
          : v instanceof Uint8Array ? { bytes: Array.from(v) }
          : v instanceof Deno.KvU64 ? { u64: String(v.value) }
          : v));
      """;

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  @Autowired KvConnectHandler handler;

  @Test
  void theDenoCliReadsWritesListsAndWatchesThroughTheServer() throws Exception {
    String stdout =
        Peers.deno(
                SCRIPT,
                Map.of(
                    "KV_URL", "http://localhost:" + port + "/kv",
                    "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.ACCESS_TOKEN),
                60)
            .orThrow();
    JsonNode r = JsonMapper.builder().build().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());

    assertThat(r.get("set").toString()).isEqualTo("[true,20]");
    assertThat(r.get("get").toString()).isEqualTo("[\"one\",true]");
    assertThat(r.get("getObject").toString()).isEqualTo("{\"n\":2,\"s\":\"two\",\"list\":[1,2]}");
    assertThat(r.get("getBigint").asString()).isEqualTo("3n");
    assertThat(r.get("getBytes").toString()).isEqualTo("{\"bytes\":[1,2,3]}");
    assertThat(r.get("getU64").toString()).isEqualTo("{\"u64\":\"42\"}");
    assertThat(r.get("missing").toString()).isEqualTo("[null,null]");
    assertThat(r.get("getMany").toString()).isEqualTo("[\"one\",null,{\"bytes\":[1,2,3]}]");
    assertThat(r.get("deleted").isNull()).isTrue();

    assertThat(r.get("listPrefix").toString()).isEqualTo("[0,1,2,3,4,5,6]");
    assertThat(r.get("listValues").toString()).isEqualTo("[0,10,20,30,40,50,60]");
    assertThat(r.get("listReverse").toString()).isEqualTo("[6,5,4,3,2,1,0]");
    assertThat(r.get("listLimit").toString()).isEqualTo("[0,1,2]");
    assertThat(r.get("listStart").toString()).isEqualTo("[4,5,6]");
    assertThat(r.get("listEnd").toString()).isEqualTo("[0,1]");
    assertThat(r.get("listStartEnd").toString()).isEqualTo("[2,3,4]");
    assertThat(r.get("listBatched").toString()).isEqualTo("[0,1,2,3,4,5,6]");
    assertThat(r.get("pages").toString()).isEqualTo("[[0,1,2],[3,4,5]]");
    assertThat(r.get("pagesReverse").toString()).isEqualTo("[[6,5],[4,3]]");

    assertThat(r.get("atomic").toString()).isEqualTo("[true,false,100]");
    assertThat(r.get("atomicMulti").toString()).isEqualTo("[true,300,null]");
    assertThat(r.get("arithmetic").toString())
        .isEqualTo("[{\"u64\":\"12\"},{\"u64\":\"3\"},{\"u64\":\"20\"}]");
    assertThat(r.get("expire").toString()).isEqualTo("[\"soon\",null]");
    assertThat(r.get("versionstampedKey").toString()).isEqualTo("[1,true,\"stamped\",true]");

    assertThat(r.get("watchFirst").toString()).isEqualTo("[[null,null],[null,null]]");
    assertThat(r.get("watchNext").toString()).isEqualTo("[[\"changed\",true],[null,false]]");
    assertThat(r.get("sumOnObject").asString()).contains("400").contains("non-U64");

    // The client went away: the server released the database subscription.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while ((handler.openWatchCount() > 0 || database.watcherCount() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(handler.openWatchCount()).isZero();
    assertThat(database.watcherCount()).isZero();
  }
}
