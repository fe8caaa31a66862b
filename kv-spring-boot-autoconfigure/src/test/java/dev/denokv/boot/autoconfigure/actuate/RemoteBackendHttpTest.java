package dev.denokv.boot.autoconfigure.actuate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.ReadRangeOutput;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.denokv.boot.autoconfigure.KvAutoConfiguration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The remote backend's HTTP: built from Boot's RestClient.Builder; redirects are the library's to follow. */
class RemoteBackendHttpTest {

  private static final String TOKEN = "access-token-for-the-test";
  private static final String DATABASE_ID = "6b1f3c0e-8d2a-4f5b-9c7e-1a2b3c4d5e6f";

  private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  @BeforeEach
  void start() {
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ApplicationContextRunner runner(String path) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            RestClientAutoConfiguration.class, KvAutoConfiguration.class, KvHealthAutoConfiguration.class))
        .withBean(RestClientCustomizer.class, () -> builder -> builder.defaultHeader("X-Application", "links"))
        .withPropertyValues(
            "kv.url=" + server.baseUrl() + path,
            "kv.access-token=" + TOKEN,
            "kv.remote.retry.initial-interval=10ms",
            "kv.remote.retry.max-attempts=2");
  }

  @Test
  void theMetadataExchangeGoesThroughBootsRestClientAndTheHealthShowsItsExpiry() {
    Instant expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    server.stubFor(post(urlEqualTo("/connect")).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"version\":3,\"databaseId\":\"" + DATABASE_ID + "\",\"endpoints\":"
            + "[{\"url\":\"/data\",\"consistency\":\"strong\"}],\"token\":\"data-token\",\"expiresAt\":\""
            + expiresAt + "\"}")));
    server.stubFor(post(urlEqualTo("/data/snapshot_read")).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-protobuf")
        .withBody(SnapshotReadOutput.newBuilder()
            .addRanges(ReadRangeOutput.getDefaultInstance())
            .setReadIsStronglyConsistent(true)
            .setStatus(SnapshotReadStatus.SR_SUCCESS)
            .build().toByteArray())));
    runner("/connect").run(context -> {
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      server.verify(postRequestedFor(urlEqualTo("/data/snapshot_read")));
      assertThat(health.getDetails())
          .containsEntry("backend", "remote")
          .containsEntry("databaseId", DATABASE_ID)
          .containsEntry("protocolVersion", 3)
          .containsEntry("expiresAt", expiresAt.toString());
      server.verify(postRequestedFor(urlEqualTo("/connect"))
          .withHeader("X-Application", equalTo("links"))
          .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    });
  }

  @Test
  void aServerThatStopsAnsweringReadsIsDownWithTheReasonThoughItsMetadataIsStillValid() {
    Instant expiresAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    server.stubFor(post(urlEqualTo("/connect")).willReturn(aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"version\":3,\"databaseId\":\"" + DATABASE_ID + "\",\"endpoints\":"
            + "[{\"url\":\"/data\",\"consistency\":\"strong\"}],\"token\":\"data-token\",\"expiresAt\":\""
            + expiresAt + "\"}")));
    server.stubFor(post(urlEqualTo("/data/snapshot_read")).willReturn(aResponse().withStatus(503)));
    runner("/connect").withPropertyValues("management.health.kv.cache-time=0s").run(context -> {
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("backend", "remote").containsKey("reason");
      assertThat(health.toString()).doesNotContain(TOKEN).doesNotContain("data-token");
    });
  }

  @Test
  void aRedirectToAnotherOriginDoesNotCarryTheAccessToken() {
    String otherOrigin = "http://127.0.0.1:" + server.port();
    server.stubFor(post(urlEqualTo("/moved"))
        .willReturn(aResponse().withStatus(307).withHeader("Location", otherOrigin + "/connect")));
    runner("/moved").run(context -> {
      Health health = context.getBean("kvHealthIndicator", HealthIndicator.class).health(true);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(server.findAll(postRequestedFor(urlEqualTo("/moved")))).isNotEmpty()
          .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
      assertThat(server.findAll(postRequestedFor(urlEqualTo("/connect")))).isNotEmpty()
          .allSatisfy(r -> assertThat(r.containsHeader("Authorization")).isFalse());
      assertThat(health.toString()).doesNotContain(TOKEN);
    });
  }
}
