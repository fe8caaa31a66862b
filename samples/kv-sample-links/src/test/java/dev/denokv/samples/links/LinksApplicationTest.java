package dev.denokv.samples.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denokv.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The sample's HTTP API end to end, on the embedded SQLite database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LinksApplicationTest {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("kv-sample-links");
    registry.add("kv.path", () -> dir.resolve("links.sqlite3").toString());
  }

  @LocalServerPort int port;
  @Autowired KvTemplate kv;
  @Autowired dev.denokv.spi.Database database;

  private LinksApi api;

  @BeforeEach
  void client() {
    api = new LinksApi(port);
  }

  @Test
  void theApplicationRunsOnTheEmbeddedSqliteFile() {
    assertThat(database).isInstanceOf(SqliteDatabase.class);
  }

  @Test
  void aLinkIsCreatedOnceFollowedAndItsClicksCountedThroughTheQueue() throws Exception {
    LinksApi.Answer created = api.post("/api/links", Map.of("code", "deno-site", "url", "https://deno.com", "owner", "ann"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.response().headers().firstValue("Location")).hasValue("/api/links/deno-site");
    assertThat(created.body().get("url").asString()).isEqualTo("https://deno.com");

    LinksApi.Answer duplicate = api.post("/api/links", Map.of("code", "deno-site", "url", "https://other.example", "owner", "bob"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.body().get("detail").asString()).contains("deno-site");
    assertThat(api.get("/api/links/deno-site").body().get("link").get("url").asString()).isEqualTo("https://deno.com");

    BlockingQueue<String> clickEvents = api.events("/api/links/deno-site/clicks");
    assertThat(clickEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"deno-site\":0}");

    LinksApi.Answer redirect = api.get("/r/deno-site");
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.response().headers().firstValue("Location")).hasValue("https://deno.com");

    assertThat(clickEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"deno-site\":1}");
    assertThat(api.get("/api/links/deno-site").body().get("clicks").asLong()).isEqualTo(1);
    assertThat(api.get("/r/no-such-link").status()).isEqualTo(404);
  }

  @Test
  void anOwnersLinksArePagedWithACursor() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      LinksApi.Answer created = api.post("/api/links", Map.of("url", "https://example.com/" + i, "owner", "pager"));
      assertThat(created.status()).isEqualTo(201);
      codes.add(created.body().get("code").asString());
    }
    api.post("/api/links", Map.of("url", "https://example.com/other", "owner", "someone-else"));

    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = api.get("/api/links?owner=pager&limit=2&cursor=" + cursor).body();
      page.get("links").forEach(l -> seen.add(l.get("code").asString()));
      cursor = page.get("cursor").isNull() ? null : page.get("cursor").asString();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates().isSorted();
    assertThat(new HashSet<>(seen)).isEqualTo(codes);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aLinkWithTtlExpiresWithItsIndexEntry() throws Exception {
    LinksApi.Answer created = api.post("/api/links",
        Map.of("code", "short-lived", "url", "https://deno.com", "owner", "ttl-owner", "ttlSeconds", 1));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("expiresAt").isNull()).isFalse();
    assertThat(api.get("/r/short-lived").status()).isEqualTo(302);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (api.get("/r/short-lived").status() != 404 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(api.get("/r/short-lived").status()).isEqualTo(404);
    assertThat(api.get("/api/links?owner=ttl-owner").body().get("links")).isEmpty();
  }

  @Test
  void aDeletedLinkIsGoneEverywhere() {
    api.post("/api/links", Map.of("code", "gone", "url", "https://deno.com", "owner", "del"));
    assertThat(api.delete("/api/links/gone").status()).isEqualTo(204);
    assertThat(api.get("/api/links/gone").status()).isEqualTo(404);
    assertThat(api.get("/api/links?owner=del").body().get("links")).isEmpty();
    assertThat(api.delete("/api/links/gone").status()).isEqualTo(404);
  }

  @Test
  void oneStreamCarriesTheCountsOfMoreLinksThanOneWatchFollows() throws Exception {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      api.post("/api/links", Map.of("code", "many-" + i, "url", "https://deno.com/" + i, "owner", "streams"));
      query.append(i == 0 ? "?" : "&").append("code=many-").append(i);
    }
    BlockingQueue<String> events = api.events("/api/clicks" + query);
    Map<String, Long> counts = new java.util.HashMap<>();
    while (counts.size() < 12) {
      counts.putAll(json(events.poll(10, TimeUnit.SECONDS)));
    }
    assertThat(counts.values()).containsOnly(0L);
    api.get("/r/many-11");
    assertThat(json(events.poll(10, TimeUnit.SECONDS))).containsEntry("many-11", 1L).containsEntry("many-10", 0L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> json(String data) {
    Map<String, Number> parsed = tools.jackson.databind.json.JsonMapper.builder().build().readValue(data, Map.class);
    Map<String, Long> counts = new java.util.HashMap<>();
    parsed.forEach((k, v) -> counts.put(k, v.longValue()));
    return counts;
  }

  @Test
  void aCodeCreatedAgainStartsWithNoClicks() throws Exception {
    api.post("/api/links", Map.of("code", "reused", "url", "https://deno.com", "owner", "re"));
    BlockingQueue<String> events = api.events("/api/links/reused/clicks");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"reused\":0}");
    api.get("/r/reused");
    assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"reused\":1}");
    assertThat(api.delete("/api/links/reused").status()).isEqualTo(204);
    assertThat(api.post("/api/links", Map.of("code", "reused", "url", "https://deno.com/2", "owner", "re")).status())
        .isEqualTo(201);
    assertThat(api.get("/api/links/reused").body().get("clicks").asLong()).isZero();
  }

  @Test
  void aTimeToLiveOutOfRangeAndAnAddressWithoutHostAreRefusedWithAMessage() {
    LinksApi.Answer huge = api.post("/api/links", Map.of("url", "https://deno.com", "ttlSeconds", 9_000_000_000_000_000_000L));
    assertThat(huge.status()).isEqualTo(400);
    assertThat(huge.body().get("detail").asString()).contains("ttlSeconds must be between 1 and 315360000");
    LinksApi.Answer overflow = api.post("/api/links", Map.of("url", "https://deno.com", "ttlSeconds", 1e30));
    assertThat(overflow.status()).isEqualTo(400);
    assertThat(overflow.body().get("detail").asString()).contains("ttlSeconds a whole number of seconds");
    LinksApi.Answer noHost = api.post("/api/links", Map.of("url", "http://"));
    assertThat(noHost.status()).isEqualTo(400);
    assertThat(noHost.body().get("detail").asString()).contains("with a host name");
    assertThat(api.post("/api/links", Map.of("url", "https:///path")).status()).isEqualTo(400);
  }

  @Test
  void invalidRequestsAreRejected() {
    assertThat(api.post("/api/links", Map.of("url", "javascript:alert(1)")).status()).isEqualTo(400);
    assertThat(api.post("/api/links", Map.of("url", "https://deno.com", "code", "a/b")).status()).isEqualTo(400);
    assertThat(api.get("/api/links?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/links?cursor=not-a-cursor!").status()).isEqualTo(400);
  }

  @Test
  void linksAreStoredAsPlainJsObjectsUnderDocumentedKeys() {
    api.post("/api/links", Map.of("code", "layout", "url", "https://deno.com", "owner", "keys"));
    @SuppressWarnings("unchecked")
    Map<String, Object> stored = kv.get(KvKey.of("links", "layout"), Map.class).value();
    assertThat(stored).containsEntry("url", "https://deno.com").containsEntry("owner", "keys");
    assertThat(kv.get(KvKey.of("links_by_owner", "keys", "layout"), Link.class).value().url()).isEqualTo("https://deno.com");
  }

  @Test
  void theHealthEndpointShowsAnonymousCallersTheStatusOnly() {
    JsonNode health = api.get("/actuator/health").body();
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.has("components")).as("no database path or disk details for anyone on the port").isFalse();
    assertThat(health.toString()).doesNotContain("sqlite3").doesNotContain("diskSpace");
  }

  @Test
  void templateOperationsAreObservedAsTheKvOperationsTimer() {
    api.post("/api/links", Map.of("code", "observed", "url", "https://deno.com", "owner", "obs"));
    api.get("/api/links/observed");
    JsonNode timer = api.get("/actuator/metrics/kv.operations").body();
    assertThat(timer.get("name").asString()).isEqualTo("kv.operations");
    List<String> tags = new ArrayList<>();
    timer.get("availableTags").forEach(t -> tags.add(t.get("tag").asString()));
    assertThat(tags).contains("operation", "outcome");
    JsonNode reads = api.get("/actuator/metrics/kv.operations?tag=operation:read&tag=outcome:success").body();
    assertThat(reads.get("measurements").get(0).get("value").asDouble()).isPositive();
  }

  @Test
  void ownerProfilesAreKeptByTheRepositoryWithAUniqueEmail() {
    assertThat(api.put("/api/owners/ann", Map.of("displayName", "Ann", "email", "ann@example.com")).status())
        .isEqualTo(200);
    assertThat(api.get("/api/owners/ann").body().get("displayName").asString()).isEqualTo("Ann");
    assertThat(api.get("/api/owners?email=ann@example.com").body().get("name").asString()).isEqualTo("ann");
    assertThat(api.put("/api/owners/bob", Map.of("displayName", "Bob", "email", "ann@example.com")).status())
        .isEqualTo(409);
    assertThat(api.get("/api/owners/bob").status()).isEqualTo(404);
    assertThat(kv.get(KvKey.of("owners_by_email", "ann@example.com")).value()).isEqualTo("ann");
  }
}
