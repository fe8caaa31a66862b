package dev.denokv.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare-bones KV Connect client over java.net.http, for driving the server byte by byte. */
final class JavaKvConnectClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A metadata exchange answer and the data-path endpoint resolved against the exchange URL. */
  record Session(JsonNode metadata, URI endpoint, String token, String databaseId, int version) {}

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI exchangeUrl;

  JavaKvConnectClient(int port) {
    this.exchangeUrl = URI.create("http://localhost:" + port + "/kv");
  }

  URI exchangeUrl() {
    return exchangeUrl;
  }

  HttpResponse<String> exchange(Map<String, String> headers, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(exchangeUrl)
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  Session session(String accessToken, String versions) {
    HttpResponse<String> r =
        exchange(Map.of("Authorization", "Bearer " + accessToken, "Content-Type", "application/json"),
            "{\"supportedVersions\":" + versions + "}");
    if (r.statusCode() != 200) {
      throw new AssertionError("metadata exchange answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode m = JSON.readTree(r.body());
    URI endpoint = exchangeUrl.resolve(m.get("endpoints").get(0).get("url").asString());
    return new Session(m, endpoint, m.get("token").asString(), m.get("databaseId").asString(), m.get("version").asInt());
  }

  Session session() {
    return session(KvConnectTestApplication.ACCESS_TOKEN, "[1,2,3]");
  }

  /** The protocol headers of {@code session} plus its token. */
  static Map<String, String> headers(Session session) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + session.token());
    if (session.version() == 1) {
      h.put("x-transaction-domain-id", session.databaseId());
    } else {
      h.put("x-denokv-version", Integer.toString(session.version()));
      h.put("x-denokv-database-id", session.databaseId());
    }
    return h;
  }

  HttpResponse<byte[]> post(Session session, String action, byte[] body) {
    return post(session.endpoint().resolve(session.endpoint().getPath() + "/" + action), headers(session), body);
  }

  HttpResponse<byte[]> post(URI url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpClient http() {
    return http;
  }
}
