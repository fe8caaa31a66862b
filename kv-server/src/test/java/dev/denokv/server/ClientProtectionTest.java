package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The per-client protections: failed authentications limited per address (429 with
 * {@code Retry-After}) and logged without the token, the v1 endpoint taken from the configured
 * public URL and never from the {@code Host} header, a cap on open watch streams per address and
 * stalled watch streams closed.
 */
@SpringBootTest(
    classes = KvConnectTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"kv-test.max-failed-authentications=5", "kv-test.public-url=https://kv.example.com/kv",
        "kv-test.max-watches-per-client=3", "kv-test.watch-stall-timeout=2s"})
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ClientProtectionTest {

  @LocalServerPort int port;
  @Autowired TestClock clock;
  @Autowired KvConnectHandler handler;

  @AfterEach
  void resetClock() {
    clock.advance(Duration.ofMinutes(2)); // every failure window over
  }

  @Test
  void failedAuthenticationsAreLimitedPerAddressAndLoggedWithoutTheToken(CapturedOutput output) {
    String guess = "guessed-access-token-4711";
    for (int i = 0; i < 5; i++) {
      assertThat(metadata("Bearer " + guess).status()).isEqualTo(401);
    }
    RawHttp.Response refused = metadata("Bearer " + KvConnectTestApplication.ACCESS_TOKEN);
    assertThat(refused.status()).as("even a valid token, once over the budget").isEqualTo(429);
    assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 60L);
    assertThat(refused.body()).contains("Too many failed authentications");
    Map<String, String> dataPath = new LinkedHashMap<>(Map.of("Authorization", "Bearer v1.forged.mac",
        "x-denokv-version", "3", "x-denokv-database-id", handler.databaseId().toString()));
    assertThat(RawHttp.send(port, "POST", "/kv/data/snapshot_read", dataPath, new byte[0]).status()).isEqualTo(429);

    assertThat(output.getAll()).contains("failed KV Connect authentications from 127.0.0.1")
        .doesNotContain(guess).doesNotContain(KvConnectTestApplication.ACCESS_TOKEN);

    clock.advance(Duration.ofSeconds(61));
    assertThat(metadata("Bearer " + KvConnectTestApplication.ACCESS_TOKEN).status()).isEqualTo(200);
  }

  @Test
  void theVersion1EndpointComesFromThePublicUrlNeverFromTheHostHeader() {
    Map<String, String> h = new LinkedHashMap<>(Map.of("Host", "evil.example:666",
        "Authorization", "Bearer " + KvConnectTestApplication.ACCESS_TOKEN, "Content-Type", "application/json"));
    RawHttp.Response r = RawHttp.send(port, "POST", "/kv", h, "{\"supportedVersions\":[1]}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"url\":\"https://kv.example.com/kv/data\"").doesNotContain("evil");
  }

  @Test
  void openWatchStreamsAreCappedPerClient() throws Exception {
    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    List<InputStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        HttpResponse<InputStream> w = watch(client, s, "w" + i);
        assertThat(w.statusCode()).isEqualTo(200);
        open.add(w.body());
      }
      HttpResponse<InputStream> fourth = watch(client, s, "w3");
      assertThat(fourth.statusCode()).isEqualTo(429);
      assertThat(new String(fourth.body().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("Too many open watch streams from this client: at most 3; close watches before opening more.");
      open.remove(0).close();
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.openWatchCount() == 2);
      HttpResponse<InputStream> again = watch(client, s, "w4");
      assertThat(again.statusCode()).isEqualTo(200);
      open.add(again.body());
    } finally {
      for (InputStream in : open) {
        in.close();
      }
    }
  }

  @Test
  void aWatchStreamWhoseClientReadsNothingIsClosedAfterTheStallTimeout() throws Exception {
    JavaKvConnectClient client = new JavaKvConnectClient(port);
    JavaKvConnectClient.Session s = client.session();
    byte[] key = Protos.key("stall", "big");
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.openWatchCount() == 0);
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("localhost", port));
      StalledWatchClientTest.sendWatchRequest(stalled, s, port, key);
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.openWatchCount() == 1);
      byte[] big = new byte[60_000];
      for (int written = 0; written < 8 * 1024 * 1024; written += big.length) {
        big[0] = (byte) (written >>> 16);
        big[1] = (byte) (written >>> 8);
        assertThat(client.post(s, "atomic_write", Protos.write(Protos.set(key, Protos.bytesValue(big))).toByteArray())
            .statusCode()).isEqualTo(200);
      }
      assertThat(handler.openWatchCount()).as("held back, not yet for the stall timeout").isEqualTo(1);
      clock.advance(Duration.ofSeconds(3));
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.openWatchCount() == 0);
    }
  }

  private RawHttp.Response metadata(String authorization) {
    return RawHttp.send(port, "POST", "/kv", Map.of("Authorization", authorization, "Content-Type", "application/json"),
        "{\"supportedVersions\":[2,3]}".getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<InputStream> watch(JavaKvConnectClient client, JavaKvConnectClient.Session s, String name) {
    byte[] body = Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(Protos.bytes(Protos.key("cap", name))))
        .build().toByteArray();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.endpoint() + "/watch"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    JavaKvConnectClient.headers(s).forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
