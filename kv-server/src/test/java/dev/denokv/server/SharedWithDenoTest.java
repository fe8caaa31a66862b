package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvEntry;
import dev.denokv.KvTemplate;
import dev.denokv.Versionstamp;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabase;
import dev.denokv.testing.Peers;
import dev.denokv.value.KvU64;
import dev.denokv.value.codec.DenoValueCodec;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Java service on the remote backend and a Deno program ({@code Deno.openKv(url)}) share one
 * database through the project's server: each reads what the other wrote, and a versionstamp Java
 * got back guards a Deno commit.
 */
@SpringBootTest(classes = KvConnectTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharedWithDenoTest {

  /** A Java record; Deno sees it as a plain object. */
  record Order(String id, int quantity, List<String> tags) {}

  private static final String SCRIPT = """
      const kv = await Deno.openKv(Deno.env.get("KV_URL"));
      const p = Deno.env.get("PREFIX");
      const order = await kv.get([p, "order"]);
      const r = {
        order: order.value,
        orderVersionstamp: order.versionstamp,
        isU64: (await kv.get([p, "u"])).value instanceof Deno.KvU64,
        u: String((await kv.get([p, "u"])).value.value),
        big: String((await kv.get([p, "big"])).value),
        price: (await kv.get([p, "price"])).value,
      };
      const guarded = await kv.atomic()
        .check({ key: [p, "order"], versionstamp: Deno.env.get("ORDER_VERSIONSTAMP") })
        .set([p, "from-deno"], { name: "deno", list: [1, 2], big: 5n })
        .sum([p, "u"], 5n)
        .commit();
      r.guarded = guarded.ok;
      kv.close();
      console.log(JSON.stringify(r));
      """;

  @LocalServerPort int port;

  @Test
  void javaAndDenoReadWhatTheOtherWrote() throws Exception {
    String url = "http://localhost:" + port + "/kv";
    KvKey p = KvKey.of("shared-" + UUID.randomUUID());
    RemoteDatabase remote = RemoteDatabase.builder().url(url).accessToken(KvConnectTestApplication.ACCESS_TOKEN).build();
    try (KvTemplate kv = KvTemplate.builder(remote).valueCodec(DenoValueCodec.defaults()).build()) {
      Versionstamp orderVersion = kv.set(p.append("order"), new Order("o-1", 3, List.of("red", "large")));
      kv.set(p.append("u"), KvU64.of(7));
      kv.set(p.append("big"), BigInteger.TWO.pow(70));
      kv.set(p.append("price"), 12.5);

      String stdout =
          Peers.deno(
                  SCRIPT,
                  Map.of(
                      "KV_URL", url,
                      "DENO_KV_ACCESS_TOKEN", KvConnectTestApplication.ACCESS_TOKEN,
                      "PREFIX", (String) p.get(0),
                      "ORDER_VERSIONSTAMP", orderVersion.toHex()),
                  60)
              .orThrow();
      JsonNode r = JsonMapper.builder().build().readTree(stdout.lines().reduce((a, b) -> b).orElseThrow());

      assertThat(r.get("order").toString()).isEqualTo("{\"id\":\"o-1\",\"quantity\":3,\"tags\":[\"red\",\"large\"]}");
      assertThat(r.get("orderVersionstamp").asString()).isEqualTo(orderVersion.toHex());
      assertThat(r.get("isU64").asBoolean()).isTrue();
      assertThat(r.get("u").asString()).isEqualTo("7");
      assertThat(r.get("big").asString()).isEqualTo("1180591620717411303424");
      assertThat(r.get("price").asDouble()).isEqualTo(12.5);
      assertThat(r.get("guarded").asBoolean()).as("Java's versionstamp guards Deno's commit").isTrue();

      KvEntry<Object> fromDeno = kv.get(p.append("from-deno"));
      assertThat(fromDeno.value()).isEqualTo(Map.of("name", "deno", "list", List.of(1, 2), "big", BigInteger.valueOf(5)));
      assertThat(fromDeno.versionstamp()).isGreaterThan(orderVersion);
      assertThat(kv.get(p.append("u"), KvU64.class).value()).isEqualTo(KvU64.of(12));
    }
  }
}
