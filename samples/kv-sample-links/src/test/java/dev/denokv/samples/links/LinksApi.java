package dev.denokv.samples.links;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the sample's HTTP API, speaking plain HTTP so that tests see what a browser sees. */
final class LinksApi {

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  LinksApi(int port) {
    this.base = "http://localhost:" + port;
  }

  record Answer(int status, JsonNode body, HttpResponse<String> response) {}

  Answer post(String path, Map<String, ?> body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
  }

  Answer put(String path, Map<String, ?> body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Answer delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
      return new Answer(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens a server-sent event stream; its {@code data:} lines arrive in the returned queue. */
  BlockingQueue<String> events(String path) {
    BlockingQueue<String> data = new LinkedBlockingQueue<>();
    http.sendAsync(
            HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response -> {
          try (Stream<String> lines = response.body()) {
            lines.filter(l -> l.startsWith("data:")).forEach(l -> data.add(l.substring(5).trim()));
          } catch (RuntimeException closed) {
            // The stream ends when the client or the server closes it.
          }
        });
    return data;
  }
}
