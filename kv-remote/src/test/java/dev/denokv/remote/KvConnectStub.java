package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.MessageLite;
import dev.denokv.error.KvException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.Assertions;

/** A WireMock server playing a KV Connect server, with helpers to stub and inspect it. */
final class KvConnectStub implements AutoCloseable {

  static final String ACCESS_TOKEN = "access-token-SECRET-1f3a9";
  static final String DATA_TOKEN = "data-token-SECRET-7c21e";
  static final String DATABASE_ID = "3f0d6a9c-52a4-4c8e-9d1b-7a2e5f6c8b01";

  /** Retries quick enough for tests: 10 ms doubling, no jitter, 4 attempts. */
  static final RetryOptions FAST_RETRY =
      new RetryOptions(Duration.ofMillis(10), 2.0, 0.0, Duration.ofMillis(200), 4, Duration.ofSeconds(10));

  private static volatile KvConnectStub shared;

  final WireMockServer wm = new WireMockServer(WireMockConfiguration.options().dynamicPort());

  /** One server for every test class of this package (started once, reset by each test). */
  static synchronized KvConnectStub shared() {
    if (shared == null) {
      shared = new KvConnectStub();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  KvConnectStub() {
    wm.start();
  }

  String url(String path) {
    return wm.baseUrl() + path;
  }

  /** A builder for a database whose metadata exchange is at {@code /connect}. */
  RemoteDatabase.Builder database() {
    return RemoteDatabase.builder()
        .url(url("/connect"))
        .accessToken(ACCESS_TOKEN)
        .retry(FAST_RETRY)
        .requestTimeout(Duration.ofSeconds(5));
  }

  static String metadataJson(int version, String endpointsJson, Instant expiresAt) {
    return metadataJson(version, DATABASE_ID, endpointsJson, DATA_TOKEN, expiresAt.toString());
  }

  static String metadataJson(int version, String databaseId, String endpointsJson, String token, String expiresAt) {
    return "{\"version\":" + version + ",\"databaseId\":\"" + databaseId + "\",\"endpoints\":" + endpointsJson
        + ",\"token\":\"" + token + "\",\"expiresAt\":\"" + expiresAt + "\"}";
  }

  static String strongEndpoint(String url) {
    return "[{\"url\":\"" + url + "\",\"consistency\":\"strong\"}]";
  }

  static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  static ResponseDefinitionBuilder protobuf(MessageLite message) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-protobuf")
        .withBody(message.toByteArray());
  }

  /** Stubs {@code /connect} to answer protocol {@code version} with one strong endpoint {@code /v2}. */
  void metadata(int version, Instant expiresAt) {
    String endpoint = version == 1 ? url("/v2") : "/v2";
    wm.stubFor(post(urlEqualTo("/connect")).willReturn(json(metadataJson(version, strongEndpoint(endpoint), expiresAt))));
  }

  void stub(MappingBuilder mapping) {
    wm.stubFor(mapping);
  }

  List<LoggedRequest> requests(String path) {
    return wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(path)));
  }

  /** Asserts that neither token appears in {@code e}, its causes or their stack trace strings. */
  static void assertNoSecrets(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Assertions.assertThat(String.valueOf(t)).doesNotContain(ACCESS_TOKEN).doesNotContain(DATA_TOKEN);
      if (t.getCause() == t) {
        break;
      }
    }
  }

  static <T extends KvException> T secretFree(T e) {
    assertNoSecrets(e);
    return e;
  }

  @Override
  public void close() {
    wm.stop();
  }
}
