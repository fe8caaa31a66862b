package dev.denokv.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A watch client that stops reading while large values change under it stalls neither the other
 * watch streams (their keep-alives keep coming, every 500 ms in the test application) nor closing
 * the handler.
 */
class StalledWatchClientTest {

  private static final Duration KEEP_ALIVE = Duration.ofMillis(500);
  /** Far more than the socket buffers between the server and a client that reads nothing. */
  private static final int BYTES_WRITTEN = 8 * 1024 * 1024;
  private static final int VALUE_BYTES = 60_000;

  @Test
  void aStalledClientStallsNeitherOtherStreamsNorClosingTheHandler() throws Exception {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(KvConnectTestApplication.class).properties("server.port=0").run();
    Socket stalled = new Socket();
    try {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      KvConnectHandler handler = context.getBean(KvConnectHandler.class);
      JavaKvConnectClient client = new JavaKvConnectClient(port);
      JavaKvConnectClient.Session s = client.session();
      byte[] bigKey = Protos.key("stalled", "big");

      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("localhost", port));
      sendWatchRequest(stalled, s, port, bigKey);
      HttpResponse<InputStream> healthy = openWatch(client, s, Protos.key("stalled", "quiet"));
      assertThat(healthy.statusCode()).isEqualTo(200);
      awaitOpenWatches(handler, 2);

      try (DataInputStream in = new DataInputStream(healthy.body())) {
        assertThat(frame(in)).isEmpty(); // the first keep-alive
        assertThat(frame(in)).isNotEmpty(); // the current state of the quiet key
        byte[] big = new byte[VALUE_BYTES];
        for (int written = 0; written < BYTES_WRITTEN; written += VALUE_BYTES) {
          big[0] = (byte) written;
          byte[] write = Protos.write(Protos.set(bigKey, Protos.bytesValue(big))).toByteArray();
          assertThat(client.post(s, "atomic_write", write).statusCode()).isEqualTo(200);
        }

        assertThat(handler.openWatchCount()).as("both streams still open").isEqualTo(2);
        List<Long> gapsMs = keepAliveGaps(in, Duration.ofSeconds(3));
        assertThat(gapsMs)
            .as("keep-alive gaps (ms) on the healthy stream")
            .hasSizeGreaterThanOrEqualTo(4)
            .allSatisfy(gap -> assertThat(gap).isLessThan(KEEP_ALIVE.toMillis() * 3));
        assertThat(handler.openWatchCount()).as("the stalled stream is still open").isEqualTo(2);

        long closing = System.nanoTime();
        CompletableFuture.runAsync(handler::close).get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - closing))
            .as("handler close")
            .isLessThan(Duration.ofSeconds(2));
        assertThat(handler.openWatchCount()).isZero();
        in.readAllBytes(); // the healthy stream ends rather than hanging
      }

      long started = System.nanoTime();
      context.close(); // with the stalled client still connected
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("context close")
          .isLessThan(Duration.ofSeconds(10));
    } finally {
      context.close();
      stalled.close();
    }
  }

  /** Sends a watch request on a raw connection that never reads its answer. */
  static void sendWatchRequest(Socket socket, JavaKvConnectClient.Session s, int port, byte[] key)
      throws IOException {
    byte[] body = watch(key);
    Map<String, String> headers = new LinkedHashMap<>(JavaKvConnectClient.headers(s));
    headers.put("Host", "localhost:" + port);
    headers.put("Content-Length", Integer.toString(body.length));
    StringBuilder head = new StringBuilder("POST " + s.endpoint().getPath() + "/watch HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  private static HttpResponse<InputStream> openWatch(
      JavaKvConnectClient client, JavaKvConnectClient.Session s, byte[] key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.endpoint() + "/watch"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(watch(key)));
    JavaKvConnectClient.headers(s).forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static byte[] watch(byte[] key) {
    return Watch.newBuilder().addKeys(WatchKey.newBuilder().setKey(Protos.bytes(key))).build().toByteArray();
  }

  private static void awaitOpenWatches(KvConnectHandler handler, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handler.openWatchCount() < count) {
      assertThat(System.nanoTime()).as("%s watch streams open in time", count).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The gaps between the keep-alives read during {@code window}, the first measured from now. */
  private static List<Long> keepAliveGaps(DataInputStream in, Duration window) throws Exception {
    CompletableFuture<List<Long>> gaps =
        CompletableFuture.supplyAsync(
            () -> {
              List<Long> out = new ArrayList<>();
              long end = System.nanoTime() + window.toNanos();
              long last = System.nanoTime();
              try {
                while (System.nanoTime() < end) {
                  assertThat(frame(in)).isEmpty();
                  long now = System.nanoTime();
                  out.add(TimeUnit.NANOSECONDS.toMillis(now - last));
                  last = now;
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return out;
            });
    try {
      return gaps.get(window.toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the healthy watch stream got no keep-alive for over 2 s");
    }
  }

  private static byte[] frame(DataInputStream in) throws IOException {
    int length = Integer.reverseBytes(in.readInt());
    return in.readNBytes(length);
  }
}
