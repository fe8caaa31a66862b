package dev.denokv.boot.autoconfigure.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.testing.Peers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Deno CLI opens 500 watches on one database served by the auto-configured server (one
 * HTTP/2 connection, one stream per watch): every watch gets its first event, gets and sets still
 * complete, a change still reaches its watch, and one watch over the per-client cap fails with the
 * server's message instead of hanging.
 */
@SpringBootTest(
    classes = ManyWatchesDenoTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kv.in-memory=true", "kv.server.enabled=true", "kv.server.access-tokens=" + ManyWatchesDenoTest.TOKEN,
        "kv.server.max-watches-per-client=500", "server.http2.enabled=true", "spring.main.banner-mode=off"})
class ManyWatchesDenoTest {

  static final String TOKEN = "many-watches-access-token";

  private static final String SCRIPT = """
      const kv = await Deno.openKv(Deno.env.get("KV_URL"));
      const within = (promise, ms, what) => {
        let timer;
        const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error("no answer: " + what)), ms); });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
      };
      const readers = [];
      for (let i = 0; i < 500; i++) readers.push(kv.watch([["w", i]]).getReader());
      const firsts = await within(Promise.all(readers.map((r) => r.read())), 90000, "first events");
      const firstEvents = firsts.filter((f) => !f.done && f.value.length === 1 && f.value[0].versionstamp === null).length;
      const started = performance.now();
      let ops = 0;
      for (let i = 0; i < 20; i++) {
        await within(kv.set(["op", i], i), 10000, "set");
        if ((await within(kv.get(["op", i]), 10000, "get")).value === i) ops++;
      }
      const opsMs = Math.round(performance.now() - started);
      await kv.set(["w", 7], "changed");
      const change = await within(readers[7].read(), 10000, "change");
      let overCap;
      try {
        const extra = kv.watch([["w", "extra"]]).getReader();
        await within(extra.read(), 30000, "watch over the cap");
        overCap = "opened";
      } catch (e) {
        overCap = String(e.message ?? e);
      }
      for (const r of readers) r.cancel();
      console.log(JSON.stringify({ firstEvents, ops, opsMs, change: change.value[0].value, overCap }));
      Deno.exit(0);
      """;

  @LocalServerPort int port;

  @Test
  void aDenoProgramWithFiveHundredWatchesKeepsWorking() {
    String stdout = Peers.deno(SCRIPT,
        Map.of("KV_URL", "http://localhost:" + port + "/kv", "DENO_KV_ACCESS_TOKEN", TOKEN), 150).orThrow();
    String last = stdout.strip().lines().reduce((a, b) -> b).orElseThrow();
    System.out.println("Deno with 500 watches: " + last);
    JsonNode r = JsonMapper.builder().build().readTree(last);
    assertThat(r.get("firstEvents").asInt()).isEqualTo(500);
    assertThat(r.get("ops").asInt()).isEqualTo(20);
    assertThat(r.get("change").asString()).isEqualTo("changed");
    assertThat(r.get("overCap").asString()).contains("Too many open watch streams from this client");
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
