package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.spi.Enqueue;
import dev.denokv.testing.Peers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code @deno/kv} npm client on Node, which validates the metadata strictly, speaking
 * each protocol version (1, 2 and 3) to the server.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NodeInteropTest {

  private static final String SCRIPT = """
      import { openKv, KvU64 } from "@deno/kv";
      const url = process.env.KV_URL;
      const accessToken = process.env.DENO_KV_ACCESS_TOKEN;
      const r = {};
      for (const version of [1, 2]) {
        const kv = await openKv(url, { accessToken, supportedVersions: [version] });
        const p = "node-v" + version;
        const c = await kv.set([p, "k"], { version });
        const g = await kv.get([p, "k"]);
        for (let i = 0; i < 3; i++) await kv.set([p, "l", i], i);
        const listed = [];
        for await (const e of kv.list({ prefix: [p, "l"] }, { reverse: true })) listed.push(e.value);
        const failed = await kv.atomic().check({ key: [p, "k"], versionstamp: null }).set([p, "k"], 0).commit();
        r["v" + version] = [g.value, g.versionstamp === c.versionstamp, listed, failed.ok];
        kv.close();
      }

      const kv = await openKv(url, { accessToken });
      const p = "node-v3";
      const c1 = await kv.set([p, "a"], "alpha");
      await kv.set([p, "b"], new Uint8Array([9, 8]));
      await kv.set([p, "n"], 12.5);
      r.getMany = (await kv.getMany([[p, "a"], [p, "b"], [p, "n"], [p, "none"]])).map((e) => e.value);
      r.getVs = (await kv.get([p, "a"])).versionstamp === c1.versionstamp;
      await kv.delete([p, "a"]);
      r.deleted = (await kv.get([p, "a"])).value;
      for (let i = 0; i < 6; i++) await kv.set([p, "l", i], "v" + i);
      const keys = async (selector, options) => {
        const out = [];
        for await (const e of kv.list(selector, options)) out.push(e.key[2]);
        return out;
      };
      r.list = [
        await keys({ prefix: [p, "l"] }),
        await keys({ prefix: [p, "l"] }, { reverse: true, limit: 2 }),
        await keys({ start: [p, "l", 1], end: [p, "l", 4] }),
        await keys({ prefix: [p, "l"] }, { batchSize: 4 }),
      ];
      const it = kv.list({ prefix: [p, "l"] }, { limit: 4 });
      const page1 = [];
      for await (const e of it) page1.push(e.key[2]);
      r.pages = [page1, await keys({ prefix: [p, "l"] }, { cursor: it.cursor })];

      const e0 = await kv.get([p, "acct"]);
      const ok = await kv.atomic().check(e0).set([p, "acct"], "first").commit();
      const stale = await kv.atomic().check(e0).set([p, "acct"], "second").commit();
      r.atomic = [ok.ok, stale.ok, (await kv.get([p, "acct"])).value];
      await kv.atomic().sum([p, "cnt"], 40n).sum([p, "other"], 1n).commit();
      await kv.atomic().sum([p, "cnt"], 2n).commit();
      await kv.atomic().max([p, "cnt"], 10n).min([p, "other"], 0n).commit();
      const u = (await kv.get([p, "cnt"])).value;
      r.u64 = [u instanceof KvU64, String(u.value), String((await kv.get([p, "other"])).value.value)];

      await kv.set([p, "exp"], "soon", { expireIn: 300 });
      const before = (await kv.get([p, "exp"])).value;
      await new Promise((res) => setTimeout(res, 900));
      r.expire = [before, (await kv.get([p, "exp"])).value];

      const q = await kv.enqueue({ job: "mail", to: 7 }, { delay: 60000, keysIfUndelivered: [[p, "undelivered"]] });
      r.enqueue = q.ok;

      await kv.set([p, "w"], "initial");
      const reader = kv.watch([[p, "w"]]).getReader();
      const first = await reader.read();
      r.watchFirst = first.value.map((e) => e.value);
      await kv.set([p, "w"], "seen");
      let next = null;
      for (let i = 0; i < 20 && next === null; i++) {
        const n = await reader.read();
        if (n.value[0].value === "seen") next = n.value.map((e) => e.value);
      }
      r.watchNext = next;
      await reader.cancel();

      try {
        await kv.atomic().sum([p, "acct"], 1n).commit();
        r.sumOnString = "committed";
      } catch (e) {
        r.sumOnString = String(e.message);
      }
      kv.close();
      console.log(JSON.stringify(r, (_k, v) => v instanceof Uint8Array ? { bytes: Array.from(v) } : v));
      """;

  @LocalServerPort int port;
  @Autowired RecordingDatabase database;
  @Autowired KvConnectHandler handler;

  @Test
  void theDenoKvNpmClientSpeaksEveryProtocolVersionToTheServer() throws Exception {
    String stdout =
        Peers.node(
                SCRIPT,
                Map.of(
                    "KV_URL", "http://localhost:" + port + "/kv",
                    "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.OTHER_ACCESS_TOKEN),
                60)
            .orThrow();
    JsonNode r = JsonMapper.builder().build().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());

    assertThat(r.get("v1").toString()).isEqualTo("[{\"version\":1},true,[2,1,0],false]");
    assertThat(r.get("v2").toString()).isEqualTo("[{\"version\":2},true,[2,1,0],false]");
    assertThat(r.get("getMany").toString()).isEqualTo("[\"alpha\",{\"bytes\":[9,8]},12.5,null]");
    assertThat(r.get("getVs").asBoolean()).isTrue();
    assertThat(r.get("deleted").isNull()).isTrue();
    assertThat(r.get("list").toString())
        .isEqualTo("[[0,1,2,3,4,5],[5,4],[1,2,3],[0,1,2,3,4,5]]");
    assertThat(r.get("pages").toString()).isEqualTo("[[0,1,2,3],[4,5]]");
    assertThat(r.get("atomic").toString()).isEqualTo("[true,false,\"first\"]");
    assertThat(r.get("u64").toString()).isEqualTo("[true,\"42\",\"0\"]");
    assertThat(r.get("expire").toString()).isEqualTo("[\"soon\",null]");
    assertThat(r.get("enqueue").asBoolean()).isTrue();
    assertThat(r.get("watchFirst").toString()).isEqualTo("[\"initial\"]");
    assertThat(r.get("watchNext").toString()).isEqualTo("[\"seen\"]");
    assertThat(r.get("sumOnString").asString()).contains("400").contains("non-U64");

    List<Enqueue> enqueued = database.enqueued();
    assertThat(enqueued).hasSize(1);
    Enqueue q = enqueued.get(0);
    assertThat(q.backoffSchedule()).containsExactly(100, 200, 400, 800); // the client's default schedule
    assertThat(q.keysIfUndelivered()).hasSize(1);
    assertThat(q.deadlineMs()).isBetween(System.currentTimeMillis() + 40_000, System.currentTimeMillis() + 60_000);
    assertThat(q.payload()).isNotEmpty();
  }
}
