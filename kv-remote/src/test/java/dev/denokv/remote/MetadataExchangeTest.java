package dev.denokv.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.denokv.remote.KvConnectStub.ACCESS_TOKEN;
import static dev.denokv.remote.KvConnectStub.DATABASE_ID;
import static dev.denokv.remote.KvConnectStub.DATA_TOKEN;
import static dev.denokv.remote.KvConnectStub.json;
import static dev.denokv.remote.KvConnectStub.metadataJson;
import static dev.denokv.remote.KvConnectStub.secretFree;
import static dev.denokv.remote.KvConnectStub.strongEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.denokv.Consistency;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvRemoteException;
import dev.denokv.error.KvUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataExchangeTest {

  private static final KvConnectStub server = KvConnectStub.shared();
  private final Instant expiry = Instant.now().plus(Duration.ofHours(1));

  @BeforeEach
  void reset() {
    server.wm.resetAll();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void negotiatesEveryOfferedVersion(int version) {
    server.metadata(version, expiry);
    try (RemoteDatabase db = server.database().build()) {
      DatabaseMetadata md = db.metadata();

      assertThat(md.version()).isEqualTo(version);
      assertThat(md.databaseId()).isEqualTo(UUID.fromString(DATABASE_ID));
      assertThat(md.strongEndpoint()).isEqualTo(URI.create(server.url("/v2")));
      assertThat(md.expiresAt()).isEqualTo(expiry);
      assertThat(md.toString()).doesNotContain(DATA_TOKEN);
    }
    server.wm.verify(
        postRequestedFor(urlEqualTo("/connect"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("User-Agent", equalTo(UserAgent.DEFAULT))
            .withRequestBody(equalToJson("{\"supportedVersions\":[1,2,3]}")));
    assertThat(UserAgent.DEFAULT).matches("deno-kv-java/\\d+\\.\\d+\\.\\d+.*");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void followsRedirectsAndResolvesEndpointsAgainstTheFinalUrl(int status) {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(status).withHeader("Location", "/moved/here")));
    server.stub(post(urlEqualTo("/moved/here")).willReturn(aResponse().withStatus(status).withHeader("Location", "again")));
    server.stub(
        post(urlEqualTo("/moved/again"))
            .willReturn(json(metadataJson(3, "[{\"url\":\"kv\",\"consistency\":\"strong\"},"
                + "{\"url\":\"../replica\",\"consistency\":\"eventual\"}]", expiry))));
    try (RemoteDatabase db = server.database().build()) {
      DatabaseMetadata md = db.metadata();

      assertThat(md.strongEndpoint()).isEqualTo(URI.create(server.url("/moved/kv")));
      assertThat(md.endpointFor(Consistency.EVENTUAL)).isEqualTo(URI.create(server.url("/replica")));
    }
    server.wm.verify(
        postRequestedFor(urlEqualTo("/moved/again"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withRequestBody(equalToJson("{\"supportedVersions\":[1,2,3]}")));
  }

  @Test
  void stopsAfterFiveRedirects() {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(307).withHeader("Location", "/connect")));
    try (RemoteDatabase db = server.database().build()) {
      KvMetadataException e = catchThrowableOfType(KvMetadataException.class, db::metadata);

      assertThat(e).hasMessageContaining("redirected more than 5 times");
      secretFree(e);
    }
    assertThat(server.requests("/connect")).hasSize(1 + MetadataClient.MAX_REDIRECTS);
  }

  @Test
  void doesNotSendTheAccessTokenToAnotherOrigin() {
    try (KvConnectStub other = new KvConnectStub()) {
      server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(307).withHeader("Location", other.url("/connect"))));
      other.metadata(3, expiry);
      try (RemoteDatabase db = server.database().build()) {
        assertThat(db.metadata().strongEndpoint()).isEqualTo(URI.create(other.url("/v2")));
      }
      other.wm.verify(postRequestedFor(urlEqualTo("/connect")).withHeader("Authorization", absent()));
    }
  }

  @Test
  void refusesARelativeEndpointInVersion1() {
    server.stub(post(urlEqualTo("/connect")).willReturn(json(metadataJson(1, strongEndpoint("/v2"), expiry))));
    try (RemoteDatabase db = server.database().build()) {
      assertThatThrownBy(db::metadata)
          .isInstanceOf(KvMetadataException.class)
          .hasMessageContaining("'endpoints[0].url'")
          .hasMessageContaining("absolute");
    }
  }

  static Stream<Arguments> malformedMetadata() {
    String future = Instant.now().plus(Duration.ofHours(1)).toString();
    String ep = strongEndpoint("/v2");
    return Stream.of(
        Arguments.of("not json", "not valid JSON"),
        Arguments.of("[1,2]", "not a JSON object"),
        Arguments.of(metadataJson(4, DATABASE_ID, ep, DATA_TOKEN, future), "'version' 4 was not offered"),
        Arguments.of("{\"version\":\"3\"}", "'version' must be an integer"),
        Arguments.of(metadataJson(3, "not-a-uuid", ep, DATA_TOKEN, future), "'databaseId' 'not-a-uuid' is not a UUID"),
        Arguments.of("{\"version\":3,\"databaseId\":\"" + DATABASE_ID + "\",\"endpoints\":{}}", "'endpoints' must be an array"),
        Arguments.of(metadataJson(3, DATABASE_ID, "[]", DATA_TOKEN, future), "'endpoints' must contain at least one strong endpoint"),
        Arguments.of(metadataJson(3, DATABASE_ID, "[{\"url\":\"/r\",\"consistency\":\"eventual\"}]", DATA_TOKEN, future),
            "'endpoints' must contain at least one strong endpoint"),
        Arguments.of(metadataJson(3, DATABASE_ID, strongEndpoint("/v2/"), DATA_TOKEN, future), "'endpoints[0].url' '/v2/' must not end with '/'"),
        Arguments.of(metadataJson(3, DATABASE_ID, "[{\"url\":\"/v2\",\"consistency\":\"weak\"}]", DATA_TOKEN, future),
            "'endpoints[0].consistency' 'weak'"),
        Arguments.of(metadataJson(3, DATABASE_ID, "[{\"consistency\":\"strong\"}]", DATA_TOKEN, future), "'endpoints[0].url' must be a string"),
        Arguments.of(metadataJson(3, DATABASE_ID, strongEndpoint("ftp://x/y"), DATA_TOKEN, future), "'endpoints[0].url' 'ftp://x/y' is not an http(s) URL"),
        Arguments.of(metadataJson(3, DATABASE_ID, ep, "", future), "'token' must not be empty"),
        Arguments.of(metadataJson(3, DATABASE_ID, ep, DATA_TOKEN, "tomorrow"), "'expiresAt' 'tomorrow' is not an ISO-8601"),
        Arguments.of(metadataJson(3, DATABASE_ID, ep, DATA_TOKEN, "2001-01-01T00:00:00Z"), "'expiresAt' 2001-01-01T00:00:00Z is already past"));
  }

  @ParameterizedTest
  @MethodSource("malformedMetadata")
  void refusesMalformedMetadataNamingTheField(String body, String expected) {
    server.stub(post(urlEqualTo("/connect")).willReturn(json(body)));
    try (RemoteDatabase db = server.database().build()) {
      KvMetadataException e = catchThrowableOfType(KvMetadataException.class, db::metadata);

      assertThat(e).hasMessageContaining(expected);
      secretFree(e);
    }
    assertThat(server.requests("/connect")).as("a malformed answer is not retried").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404})
  void clientErrorsAreFatalAndCarryTheServerText(int status) {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(status).withBody("Invalid access token.")));
    try (RemoteDatabase db = server.database().build()) {
      KvRemoteException e = catchThrowableOfType(KvRemoteException.class, db::metadata);

      assertThat(e.status()).isEqualTo(status);
      assertThat(e).hasMessageContaining("Invalid access token.");
      secretFree(e);
    }
    assertThat(server.requests("/connect")).hasSize(1);
  }

  @Test
  void aServerEchoingTheTokenHasItRedacted() {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(401).withBody("bad token " + ACCESS_TOKEN)));
    try (RemoteDatabase db = server.database().build()) {
      KvRemoteException e = catchThrowableOfType(KvRemoteException.class, db::metadata);

      assertThat(e).hasMessageContaining("bad token <redacted>");
      secretFree(e);
    }
  }

  @Test
  void serverErrorsAndNetworkFailuresAreRetried() {
    String s = "flaky";
    server.stub(post(urlEqualTo("/connect")).inScenario(s).whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
    server.stub(post(urlEqualTo("/connect")).inScenario(s).whenScenarioStateIs("reset")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    server.stub(post(urlEqualTo("/connect")).inScenario(s).whenScenarioStateIs("ok")
        .willReturn(json(metadataJson(3, strongEndpoint("/v2"), expiry))));
    try (RemoteDatabase db = server.database().build()) {
      assertThat(db.metadata().version()).isEqualTo(3);
    }
    assertThat(server.requests("/connect")).hasSize(3);
  }

  @Test
  void persistentServerErrorsExhaustTheRetries() {
    server.stub(post(urlEqualTo("/connect")).willReturn(aResponse().withStatus(500).withBody("boom")));
    try (RemoteDatabase db = server.database().build()) {
      KvUnavailableException e = catchThrowableOfType(KvUnavailableException.class, db::metadata);

      assertThat(e).hasMessageContaining("metadata exchange").hasMessageContaining("4 attempt(s)").hasMessageContaining("500");
      secretFree(e);
    }
    assertThat(server.requests("/connect")).hasSize(KvConnectStub.FAST_RETRY.maxAttempts());
  }

  @Test
  void aMissingAccessTokenNamesBothWaysToGiveOne() {
    RemoteDatabase.Builder builder = RemoteDatabase.builder().url(server.url("/connect")).environment(name -> null);

    assertThatThrownBy(builder::build)
        .isInstanceOf(KvInvalidArgumentException.class)
        .hasMessageContaining("accessToken(...)")
        .hasMessageContaining("DENO_KV_ACCESS_TOKEN");
  }

  @Test
  void theAccessTokenFallsBackToTheEnvironment() {
    server.metadata(3, expiry);
    Map<String, String> env = Map.of("DENO_KV_ACCESS_TOKEN", "from-env-token");
    try (RemoteDatabase db = RemoteDatabase.builder().url(server.url("/connect")).environment(env::get).build()) {
      db.metadata();
    }
    server.wm.verify(postRequestedFor(urlEqualTo("/connect")).withHeader("Authorization", equalTo("Bearer from-env-token")));
  }

  @Test
  void builderRefusesBadUrlsAndSettings() {
    assertThatThrownBy(() -> RemoteDatabase.builder().accessToken("t").build())
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("URL is required");
    assertThatThrownBy(() -> RemoteDatabase.builder().url("ftp://host/x").accessToken("t").build())
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("http(s)");
    assertThatThrownBy(() -> RemoteDatabase.builder().url("http://h/").accessToken("t").retryMaxAttempts(0).build())
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("attempts");
    assertThatThrownBy(() -> RemoteDatabase.builder().url("http://h/").accessToken("t").retryRandomizationFactor(1.5).build())
        .isInstanceOf(KvInvalidArgumentException.class).hasMessageContaining("randomization");
  }

  @Test
  void noToStringShowsATokenAndSecretsCompareByValue() {
    RemoteDatabase.Builder builder = server.database();
    assertThat(builder.toString()).doesNotContain(ACCESS_TOKEN).contains("<redacted>");
    try (RemoteDatabase db = builder.build()) {
      assertThat(db.toString()).doesNotContain(ACCESS_TOKEN);
    }
    assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    assertThat(Secret.of(DATA_TOKEN).toString()).isEqualTo("<redacted>");
  }
}
